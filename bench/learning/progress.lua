-- wrk script: GET PATH for the learners of LEARNERS_FILE (one session id per line), each
-- request with the next learner's cookie, so the requests in flight belong to different
-- learners. Arguments after "--": LEARNERS_FILE PATH
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "../http/report.lua")

local cookies = {}
local path
local counter = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line == 64 then table.insert(cookies, "certhub_session=" .. line) end
  end
  path = args[2]
end

function request()
  counter = counter + 1
  local cookie = cookies[(counter % #cookies) + 1]
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end
