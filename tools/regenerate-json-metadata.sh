#!/usr/bin/env bash
# Regenerates src/Ory.Identity/Serialization/Generated/ (OryIdentityJsonContext's source-generated metadata) from
# tools/Ory.Identity.JsonMetadata.Generator; run it after changing a wire type or the context's list of types.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$root/tools/Ory.Identity.JsonMetadata.Generator" -v quiet -nologo
generated="$root/tools/Ory.Identity.JsonMetadata.Generator/obj/generated/System.Text.Json.SourceGeneration/System.Text.Json.SourceGeneration.JsonSourceGenerator"
rm -rf "$root/src/Ory.Identity/Serialization/Generated"
mkdir -p "$root/src/Ory.Identity/Serialization/Generated"
cp "$generated"/OryIdentityJsonContext*.g.cs "$root/src/Ory.Identity/Serialization/Generated/"
