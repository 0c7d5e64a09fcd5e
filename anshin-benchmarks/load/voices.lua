-- wrk script: POST /api/v1/voices, each request a fresh voiceId and one of a few customers' texts (no customer id:
-- sealed with the month's key, as the public form's and anonymous calls' voices are). Every request is redacted,
-- tokenized, classified, routed, sealed, stored and audited before it is answered.
--   ANSHIN_API_KEY=... wrk -t2 -c16 -d20s --latency -s anshin-benchmarks/load/voices.lua http://127.0.0.1:8090
-- The key needs the CUSTOMER_SERVICE role (anshin.access.api-key-roles). docs/benchmarks.md, "Voice: the API".

local key = os.getenv("ANSHIN_API_KEY") or error("set ANSHIN_API_KEY")
local threads = 0
local texts = {
  "アプリにログインできません。パスワードを再設定しても同じエラーが出ます。早く直してほしいです。",
  "先月の請求額が思っていたより高く、明細を見ても分かりません。リボ払いの手数料について教えてください。",
  "身に覚えのない海外での利用がありました。カード番号4111 1111 1111 1111を止めてください。",
  "コールセンターの山田様がとても親切に対応してくださいました。ありがとうございました。",
  "ポイントの有効期限をもう少し長くしてもらえると助かります。",
  "カードがまだ届きません。申し込んでから2週間経っています。電話は090-1234-5678です。",
  "店舗の窓口で長く待たされました。案内の人も少なくて不満です。",
  "利用可能枠を増やしたいのですが、どうすればよいですか？",
}

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  -- letters between the numbers: a long run of digits (joined across hyphens) could read as a card number, which
  -- the API refuses in a voiceId like any free text
  prefix = string.format("wrk-t%d-s%dr%d-n", tid, os.time() % 100000, math.random(99999))
  counter = 0
  headers = { ["X-Api-Key"] = key, ["Content-Type"] = "application/json" }
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"channel":"CALL_CENTER","voiceId":"%s%d","receivedAt":"%s","text":"%s"}',
    prefix, counter, os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 60), texts[counter % #texts + 1])
  return wrk.format("POST", "/api/v1/voices", headers, body)
end
