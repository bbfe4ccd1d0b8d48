#!/usr/bin/env bash
# Runs the main job against the bundled Binance simulator (no internet needed): starts the simulator,
# syncs the symbols file into a data folder, prints the summary, stops the simulator.
# Usage: bash scripts/demo.sh [SYMBOLS_FILE] [START] [END] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
symbols=${1:-../shared/data/filtered_tokens.csv}
start=${2:-$(date -u -d '3 days ago' +%F)}
end=${3:-$(date -u +%F)}
data=${4:-data-demo}

dotnet build tools/BinanceSimulator -c Release -nologo -v quiet >/dev/null
# Published ahead of time for this machine (ReadyToRun): the run starts without jitting most of its code.
dotnet publish src/CandleFunctions.Cli -c Release --use-current-runtime --self-contained false \
  -p:PublishReadyToRun=true -o artifacts/candles -nologo -v quiet >/dev/null
out=$(mktemp)
dotnet tools/BinanceSimulator/bin/Release/net10.0/BinanceSimulator.dll --port 0 >"$out" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 100); do
  url=$(head -n 1 "$out" | grep -o 'http://[^ ]*' || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "${url:-}" ] || { echo "the simulator did not start:"; cat "$out"; exit 1; }
echo "simulator at $url"
dotnet artifacts/candles/candles.dll sync \
  --symbols-file "$symbols" --start "$start" --end "$end" --data "$data" \
  --api-url "$url" --archive-url "$url"
