#!/usr/bin/env bash
# Registers the demo cards 0..N-1 (DemoCards: BIN 498765, 9-digit index, Luhn check digit) on a
# running server, so that anshin-benchmarks/load/authorizations.lua finds them.
#   ANSHIN_API_KEY=... anshin-benchmarks/load/register-cards.sh http://127.0.0.1:8090 [N=10000]
# Already registered cards are fine (409). Eight requests at a time.
set -euo pipefail
url=${1:?usage: register-cards.sh BASE_URL [COUNT]}
count=${2:-10000}
: "${ANSHIN_API_KEY:?set ANSHIN_API_KEY}"
for ((i = 0; i < count; i++)); do
  body=$(printf '498765%09d' "$i")
  sum=0; double=1
  for ((j = ${#body} - 1; j >= 0; j--)); do
    d=${body:j:1}
    if ((double)); then d=$((d * 2)); ((d > 9)) && d=$((d - 9)); fi
    sum=$((sum + d)); double=$((1 - double))
  done
  echo "$body$(((10 - sum % 10) % 10))"
done | xargs -P 8 -I PAN curl -s -o /dev/null -w '%{http_code}\n' -X POST "$url/api/v1/cards" \
  -H "X-Api-Key: $ANSHIN_API_KEY" -H 'Content-Type: application/json' -d '{"pan":"PAN"}' |
  sort | uniq -c | awk '{ print "HTTP " $2 ": " $1 " cards"; if ($2 !~ /^(200|201|409)$/) bad = 1 } END { exit bad }' 
