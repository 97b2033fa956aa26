#!/usr/bin/env python3
"""Summarizes a Stryker mutation-report.json: counts per status, the score, and every surviving or uncovered mutant.

    python3 tests/mutation/summarize.py tests/Ory.Identity.Tests/StrykerOutput/<timestamp>/reports/mutation-report.json

The score is Stryker's: (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and ignored
mutants do not count.
"""
import collections
import json
import sys


def main(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    totals = collections.Counter()
    per_file = {}
    left = []
    for name, data in sorted(report["files"].items()):
        counts = collections.Counter(m["status"] for m in data["mutants"])
        totals.update(counts)
        per_file[name] = counts
        for m in data["mutants"]:
            if m["status"] in ("Survived", "NoCoverage"):
                line = m["location"]["start"]["line"]
                left.append(f'{m["status"]:10} {name.split("/")[-1]}:{line} {m["mutatorName"]}: {m.get("replacement", "")!r}')

    def score(c):
        detected = c["Killed"] + c["Timeout"]
        valid = detected + c["Survived"] + c["NoCoverage"]
        return f'{100 * detected / valid:.2f} %' if valid else "n/a"

    print("file  killed/timeout/survived/nocoverage/compile-error/ignored  score")
    for name, c in per_file.items():
        if sum(c[s] for s in ("Killed", "Timeout", "Survived", "NoCoverage")) == 0:
            continue
        print(f'{name.split("/")[-1]}  {c["Killed"]}/{c["Timeout"]}/{c["Survived"]}/{c["NoCoverage"]}/{c["CompileError"]}/{c["Ignored"]}  {score(c)}')
    print(f'TOTAL  killed {totals["Killed"]}, timeout {totals["Timeout"]}, survived {totals["Survived"]}, '
          f'no coverage {totals["NoCoverage"]}, compile error {totals["CompileError"]}, ignored {totals["Ignored"]}: score {score(totals)}')
    print()
    print("\n".join(left))


if __name__ == "__main__":
    main(sys.argv[1])
