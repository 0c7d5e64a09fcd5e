#!/usr/bin/env bash
# Like register-cards.sh, but each demo card 0..N-1 gets a customer of its own first, so that the device
# data of its authorizations is sealed with that customer's key (loadtest --device-data; docs/payment-data.md).
#   ANSHIN_API_KEY=... anshin-benchmarks/load/register-customer-cards.sh http://127.0.0.1:8090 [N=2000]
# The key needs CUSTOMER_SERVICE (anshin.access.api-key-roles). Eight cards at a time.
set -euo pipefail
url=${1:?usage: register-customer-cards.sh BASE_URL [COUNT]}
count=${2:-2000}
: "${ANSHIN_API_KEY:?set ANSHIN_API_KEY}"
register() {
  local pan=$1 customer
  customer=$(curl -s -X POST "$url/api/v1/customers" -H "X-Api-Key: $ANSHIN_API_KEY" \
    -H 'Content-Type: application/json' \
    -d '{"customerNumber":"LT-'"${pan: -9}"'","values":{"NAME_KANJI":"負荷太郎","EMAIL":"load@example.jp"}}' |
    sed -n 's/.*"customerId":"\([^"]*\)".*/\1/p')
  curl -s -o /dev/null -w '%{http_code}\n' -X POST "$url/api/v1/cards" -H "X-Api-Key: $ANSHIN_API_KEY" \
    -H 'Content-Type: application/json' -d '{"pan":"'"$pan"'","customerId":"'"$customer"'"}'
}
export -f register
export url
for ((i = 0; i < count; i++)); do
  body=$(printf '498765%09d' "$i")
  sum=0; double=1
  for ((j = ${#body} - 1; j >= 0; j--)); do
    d=${body:j:1}
    if ((double)); then d=$((d * 2)); ((d > 9)) && d=$((d - 9)); fi
    sum=$((sum + d)); double=$((1 - double))
  done
  echo "$body$(((10 - sum % 10) % 10))"
done | xargs -P 8 -I PAN bash -c 'register PAN' |
  sort | uniq -c | awk '{ print "HTTP " $2 ": " $1 " cards"; if ($2 !~ /^(200|201)$/) bad = 1 } END { exit bad }'
