-- The benchmark's writers, driven by wrk (bench/writers.py runs it with -tN -cN: one
-- connection a thread, so each thread's requests and answers alternate strictly).
--
-- BENCH_WRITE=comment: guests post the comment form to BENCH_PATH (every third a reply to
-- one of BENCH_PARENTS), each comment numbered (thread * 1,000,000 + n) after BENCH_MARKER.
-- BENCH_WRITE=like: signed-in readers like and unlike BENCH_PATH in turns, as the htmx
-- button does; the thread takes turns among the accounts of BENCH_PEOPLE (a file of
-- "id session secret token" lines: the csrftoken cookie, and the masked token a page's
-- form carries, which htmx sends) whose line number modulo the thread count is its own.
--
-- Requests are numbered thread * 1,000,000 + n, so numbers are unique across threads.
-- Each thread writes what it sent and what came back to BENCH_OUT/thread-<n>.tsv
-- ("S <n> <account>" before a request, "R <n> <status> <location>" after its answer), for
-- writers.py to check against the database. A request still unanswered when wrk stops is an
-- "S" line without its "R": the server may or may not have done it.

local started = 0
local counter = 0

-- wrk sets up each thread, and starts it, before the next: the count comes from
-- BENCH_THREADS, not from counting setups.
function setup(thread)
  started = started + 1
  thread:set("number", started)
end

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local mode, out, seq, pending, crowd, state, turn, parents

function init(args)
  mode = os.getenv("BENCH_WRITE")
  local count = tonumber(os.getenv("BENCH_THREADS"))
  out = io.open(string.format("%s/thread-%d.tsv", os.getenv("BENCH_OUT"), number), "w")
  out:setvbuf("full")
  parents = {}
  for p in (os.getenv("BENCH_PARENTS") or ""):gmatch("%d+") do
    table.insert(parents, p)
  end
  crowd, state, turn = {}, {}, 0
  if mode == "like" then
    local line_number = 0
    for line in io.lines(os.getenv("BENCH_PEOPLE")) do
      if line_number % count == number - 1 then
        local id, session, secret, token = line:match("^(%S+) (%S+) (%S+) (%S+)$")
        table.insert(crowd, {id = id, session = session, secret = secret, token = token})
        state[id] = "like"
      end
      line_number = line_number + 1
    end
  end
end

local function comment_request()
  counter = counter + 1
  seq = number * 1000000 + counter
  local marker = os.getenv("BENCH_MARKER")
  local n = seq % 50
  local parent = ""
  if seq % 3 == 0 and #parents > 0 then
    parent = parents[seq % #parents + 1]
  end
  local body = "comment=" .. urlencode(string.format(
      "%s %d: a thought from the benchmark, number %d.", marker, seq, seq)) ..
    "&author=" .. urlencode("Bench Writer " .. n) ..
    "&email=" .. urlencode(string.format("writer%d@example.invalid", n)) ..
    "&url=&homepage=&started=" .. urlencode(os.getenv("BENCH_STARTED")) ..
    "&parent=" .. parent
  out:write(string.format("S %d -\n", seq))
  out:flush()
  return wrk.format("POST", os.getenv("BENCH_PATH"),
    {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end

local function like_request()
  local person = crowd[turn % #crowd + 1]
  turn = turn + 1
  pending = person
  counter = counter + 1
  seq = number * 1000000 + counter
  local action = state[person.id]
  out:write(string.format("S %d %s %s\n", seq, person.id, action))
  out:flush()
  return wrk.format("POST", os.getenv("BENCH_PATH"), {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["HX-Request"] = "true",
    ["X-CSRFToken"] = person.token,
    ["Cookie"] = string.format("sessionid=%s; csrftoken=%s", person.session, person.secret),
  }, "action=" .. action)
end

function request()
  if mode == "like" then
    return like_request()
  end
  return comment_request()
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or "-"
  out:write(string.format("R %d %d %s\n", seq, status, location))
  if mode == "like" and status == 200 then
    local id = pending.id
    state[id] = state[id] == "like" and "unlike" or "like"
  end
  out:flush()
end

done = function(summary, latency, requests)
  local errors = summary.errors
  local seconds = summary.duration / 1000000
  io.write(string.format(
    'BENCHJSON {"requests": %d, "seconds": %.3f, "rps": %.2f, ' ..
    '"p50_ms": %.3f, "p99_ms": %.3f, "errors": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.timeout))
end
