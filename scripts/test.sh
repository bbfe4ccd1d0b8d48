#!/usr/bin/env bash
# The one test command: installs what the tests need (npm packages such as Azurite, NuGet packages),
# builds everything, runs every test project, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -f package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# Adoption tests read IANA time zones (Australia/Sydney, Asia/Kolkata, Europe/London); .NET on Linux reads them from
# /usr/share/zoneinfo, which a slim machine may lack.
if [ ! -f /usr/share/zoneinfo/Australia/Sydney ] && command -v apt-get >/dev/null; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo_cmd="sudo"
  { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq tzdata; } >/dev/null 2>&1 \
    || echo "warning: tzdata is missing and could not be installed; time-zone tests will fail"
fi

dotnet build CandleFunctions.sln -c Release -nologo -v quiet 2>&1 | tail -n 30
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
dotnet test CandleFunctions.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summary lines ("Passed!  - Failed: 0, Passed: 12, ...").
read -r passed failed < <(grep -E '^(Passed|Failed)! +- Failed: ' "$log" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \1/' |
  awk '{p += $1; f += $2} END {print p + 0, f + 0}')
assemblies=$(grep -cE '^(Passed|Failed)! +- Failed: ' "$log")
rm -f "$log"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crash or a test host that never reported still fails the run.
  failed=1
fi
echo "test assemblies: $assemblies"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
