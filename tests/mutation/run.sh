#!/usr/bin/env bash
# Mutation testing with Stryker.NET (dotnet-stryker 5.1.0), one folder of src/Ory.Identity at a time.
#
#   tests/mutation/run.sh hashing|recovery|apikeys [extra dotnet-stryker options...]
#
# Each folder is mutated on its own and only the tests of the matching test folder run against its mutants,
# which keeps a run to minutes instead of hours. Stryker writes its reports (mutation-report.json/.html)
# under tests/Ory.Identity.Tests/StrykerOutput/<timestamp>/reports/ (ignored by git).
# Extra options go straight to Stryker. A --mutate among them replaces the folder's pattern, so a re-check can be
# narrowed to files, e.g. `tests/mutation/run.sh recovery --mutate "**/Recovery/GoDuration.cs"`; `-c 2` runs two
# test runners at once. Too slow for CI (minutes per folder on an idle machine, far more on a busy one): run it by hand.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
stryker="${STRYKER:-dotnet-stryker}"
if ! command -v "$stryker" >/dev/null 2>&1; then
  if [ -x /opt/tools/dotnet-stryker ]; then stryker=/opt/tools/dotnet-stryker
  else
    echo "dotnet-stryker not found: dotnet tool install --tool-path /opt/tools dotnet-stryker --version 5.1.0" >&2
    exit 1
  fi
fi

folder="${1:-}"
case "$folder" in
  hashing)  mutate="**/Credentials/Hashing/**/*.cs"; tests="Ory.Identity.Tests.Credentials" ;;
  recovery) mutate="**/Recovery/**/*.cs";            tests="Ory.Identity.Tests.Recovery" ;;
  apikeys)  mutate="**/ApiKeys/**/*.cs";             tests="Ory.Identity.Tests.ApiKeys" ;;
  *) echo "usage: $0 hashing|recovery|apikeys [extra dotnet-stryker options...]" >&2; exit 64 ;;
esac
shift

extra=("$@")
# A --mutate in the extra options narrows the run: it replaces the folder's pattern.
for option in "${extra[@]}"; do
  if [ "$option" = "--mutate" ] || [ "$option" = "-m" ]; then mutate=""; fi
done

args=(--project Ory.Identity.csproj
      --test-case-filter "FullyQualifiedName~$tests"
      --reporter json --reporter html --reporter progress
      --skip-version-check)
if [ -n "$mutate" ]; then args+=(--mutate "$mutate"); fi

cd "$root/tests/Ory.Identity.Tests"
exec "$stryker" "${args[@]}" "${extra[@]}"
