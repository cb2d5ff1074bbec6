-- wrk script: GET PATH for the learners of LEARNERS_FILE (one session id per line), each
-- request with the next learner's cookie, so the requests in flight belong to different
-- learners. Arguments after "--": LEARNERS_FILE PATH [THINK_MS]: with THINK_MS, each
-- connection (a learner) waits about that long before its next request (uniformly 0 to twice
-- THINK_MS, so the learners do not move in step), as a person reading the page would; without
-- it, requests follow each other at once (the server's saturation).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "../http/report.lua")

local cookies = {}
local path
local counter = 0
local think = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(cookies, "certhub_session=" .. line) end
  end
  path = args[2]
  think = tonumber(args[3] or "0")
end

function delay()
  if think == 0 then return 0 end
  return math.random(0, 2 * think)
end

function request()
  counter = counter + 1
  local cookie = cookies[(counter % #cookies) + 1]
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end
