#!/usr/bin/env bash
# Consumes the packed packages as a fresh app and a store author would: packs every package to a local folder feed,
# copies the consumer projects beside it (outside the repository, so none of its Directory.*.props apply) and runs them
# with `dotnet test`, restoring only from the local folder and the sources of the repository's nuget.config.
#   XunitV3WithFluentAssertions8: a web app on Kestrel (items 1, 3 of issue 18), storage override (2), recovery without
#                                 a sender (7), the conformance kit from xunit v3 beside FluentAssertions 8 (6), Ory.Identity.Testing
#   XunitV2WithoutFluentAssertions: the conformance kit from xunit v2 with no assertion library (6)
#   and the ory-identity tool (issue 17): dotnet tool install --tool-path from the feed, --help, one import file
# Usage: tests/Consumer/run.sh [--no-build] [results-folder]   (--no-build: pack the Release build already there)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
no_build=()
if [ "${1:-}" = "--no-build" ]; then
  no_build=(--no-build)
  shift
fi
results="${1:-$root/.ci/out}"
mkdir -p "$results"

# A version of its own per run, so that the global package cache never serves an earlier build of the same number.
version="0.0.0-consumer.$(date +%s).$$"
work="$(mktemp -d "${TMPDIR:-/tmp}/ory-identity-consumer.XXXXXX")"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
  rm -rf "$work"
  rm -rf "$cache"/ory.identity*/"$version"
}
trap cleanup EXIT

feed="$work/feed"
for project in "$root"/src/*/*.csproj; do
  dotnet pack "$project" -c Release "${no_build[@]}" -o "$feed" -p:PackageVersion="$version" -v quiet -nologo
done

# Every package ships its symbols and says where its source is.
for package in "$feed"/*.nupkg; do
  name="$(basename "$package" ".$version.nupkg")"
  [ -f "$feed/$name.$version.snupkg" ] || { echo "$name: no symbol package (.snupkg)" >&2; exit 1; }
  unzip -p "$package" "$name.nuspec" | grep -q 'repository type="git" url="https://github.com/ory/identity"' \
    || { echo "$name: no repository URL in the nuspec" >&2; exit 1; }
done

# The repository's sources plus the local folder, first.
sed "s#<clear />#<clear />\n    <add key=\"ory-identity-local\" value=\"$feed\" />#" "$root/nuget.config" > "$work/nuget.config"
cp -r "$root/tests/Consumer/XunitV3WithFluentAssertions8" "$root/tests/Consumer/XunitV2WithoutFluentAssertions" "$work/"

# The tool installs from the local feed as a user would install it, shows its help and imports one identity.
tool="$work/tool"
dotnet tool install Ory.Identity.Cli --tool-path "$tool" --version "$version" --configfile "$work/nuget.config" -v q
"$tool/ory-identity" --help | grep -q "import" || { echo "ory-identity --help: no import command" >&2; exit 1; }
printf '%s\n' '{"traits":{"email":"ann@example.com"},"credentials":{"password":{"config":{"hashed_password":"$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6"}}}}' > "$work/users.jsonl"
summary="$("$tool/ory-identity" import file "$work/users.jsonl" --sqlite "$work/identities.db" \
  --schema "default=$root/tests/Ory.Identity.Cli.Tests/TestData/identity.schema.json" --progress none)"
case "$summary" in
  "imported 1, skipped 0, failed 0 in "*) echo "ory-identity tool: installed, $summary" ;;
  *) echo "ory-identity tool: unexpected summary: $summary" >&2; exit 1 ;;
esac

status=0
for project in XunitV3WithFluentAssertions8 XunitV2WithoutFluentAssertions; do
  (cd "$work" && dotnet test "$project" -p:OryIdentityVersion="$version" --logger "trx;LogFileName=consumer-$project.trx" \
    --results-directory "$results") || status=$?
done
exit "$status"
