-- wrk script: POST /api/v1/authorizations with a fresh authorizationId per request, spread over the
-- demo cards (DemoCards: BIN 498765, 9-digit index, Luhn digit), random amounts and terminals.
--   ANSHIN_API_KEY=... wrk -t2 -c32 -d30s --latency -s anshin-benchmarks/load/authorizations.lua http://127.0.0.1:8080
-- Env: ANSHIN_API_KEY (required), ANSHIN_CARDS (default 10000, cards registered on the server by register-cards.sh).
-- No response() hook: wrk counts non-2xx answers itself ("Non-2xx or 3xx responses"), while a hook
-- makes it hand every response's headers and body to Lua, which cost the generator a sixth more CPU
-- per request on the two cores it shares with the server.

local cards = tonumber(os.getenv("ANSHIN_CARDS") or "10000")
local key = os.getenv("ANSHIN_API_KEY") or error("set ANSHIN_API_KEY")
local threads = 0

local function luhn(body)
  local sum, double = 0, true
  for i = #body, 1, -1 do
    local d = tonumber(body:sub(i, i))
    if double then d = d * 2; if d > 9 then d = d - 9 end end
    sum = sum + d
    double = not double
  end
  return (10 - sum % 10) % 10
end

local pans = {}
for i = 0, cards - 1 do
  local body = string.format("498765%09d", i)
  pans[i + 1] = body .. luhn(body)
end

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  prefix = string.format("wrk-%d-%d-%d-", os.time(), math.random(1000000), tid)
  counter = 0
  math.randomseed(os.time() + tid)
  headers = { ["X-Api-Key"] = key, ["Content-Type"] = "application/json" }
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"authorizationId":"%s%d","card":{"pan":"%s"},"amount":{"minor":%d,"currency":"JPY"},' ..
    '"merchantId":"M%05d","mcc":"5411","terminalId":"T%05d","merchantCountry":"JP","posEntryMode":"05",' ..
    '"cardPresent":true,"timestamp":"%s"}',
    prefix, counter, pans[math.random(#pans)], math.random(500, 20000), math.random(0, 1999),
    math.random(0, 4999), os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format("POST", "/api/v1/authorizations", headers, body)
end
