#!/usr/bin/env bash
# Runs the Bicep CLI from its NuGet package (restored on first use), so infra/ builds offline.
# Usage: tools/bicep/bicep.sh build infra/main.bicep --stdout
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep"
if [[ ! -x "$bicep" ]]; then
  dotnet restore "$here/bicep.csproj" --verbosity quiet >&2
  chmod +x "$bicep" 2>/dev/null || true
fi
exec "$bicep" "$@"
