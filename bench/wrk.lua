-- The request script bench/wrk.ts gives wrk. Read from the environment:
--   WRK_PATHS    a file of request paths, one a line; each request takes one at random
--                (one line: every request asks for the same path)
--   WRK_HEADERS  a file of request headers, "name: value" a line (may be empty)
--   WRK_COUNT_STATUSES  "1": count the answers by status
-- done() prints one line "WRK_JSON {...}": requests, seconds, latency percentiles
-- (µs), socket errors, answers with a status of 400 or more, and the answers
-- counted by status (when asked).

local function lines(file)
  local out = {}
  if not file or file == "" then return out end
  for line in io.lines(file) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  local headers = {}
  for _, line in ipairs(lines(os.getenv("WRK_HEADERS"))) do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then headers[name] = value end
  end
  -- Every request prebuilt once: picking one costs wrk almost nothing per request.
  prebuilt = {}
  for _, path in ipairs(lines(os.getenv("WRK_PATHS"))) do
    prebuilt[#prebuilt + 1] = wrk.format("GET", path, headers)
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
  statuses = {}
end

function request()
  return prebuilt[math.random(#prebuilt)]
end

-- Only when asked: a response() function makes wrk hand every answer to Lua,
-- which costs it time per request.
if os.getenv("WRK_COUNT_STATUSES") == "1" then
  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local counted = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counted[status] = (counted[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counted) do parts[#parts + 1] = string.format('"%d":%d', status, n) end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"seconds":%.6f,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"status400Plus":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status, table.concat(parts, ",")))
end
