-- wrk script: POST a valid credit to the create endpoint, each request with its own
-- uniqueness_key, so that every request is a real insert (none is a 409).
--
--   CREDIT_RULES_TOKEN=load wrk -t2 -c32 -d20s --latency \
--     -s server/load/create.lua http://127.0.0.1:PORT
--
-- The token comes from CREDIT_RULES_TOKEN (the one the server was started with). wrk counts
-- any answer other than 2xx/3xx as "Non-2xx or 3xx responses": that line must not appear.

local threads = 0
local run = tostring(os.time())

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
  thread:set("run", run)
end

local sent = 0
local headers

function init(args)
  local token = os.getenv("CREDIT_RULES_TOKEN") or error("set CREDIT_RULES_TOKEN")
  headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }
end

local template = '{"customer_id":"13117714-3f05-48e5-a6e9-a66093f13b4d",'
  .. '"product_id":"f14d6729-6a44-4b13-9908-9387f1918790","priority":100,'
  .. '"name":"Load test credit","access_schedule":{"schedule_items":[{"amount":1000,'
  .. '"starting_at":"2026-01-01T00:00:00.000Z","ending_before":"2026-02-01T00:00:00.000Z"}]},'
  .. '"uniqueness_key":"load-%s-%d-%d"}'

function request()
  sent = sent + 1
  local body = string.format(template, run, thread_id, sent)
  return wrk.format("POST", "/v1/contracts/customerCredits/create", headers, body)
end
