-- wrk script for the per-learner scenarios. Arguments after "--":
--   question LEARNERS_FILE COUNT   GET /attempts/{mock}/q/{n}, with the learner's cookie
--   answer   LEARNERS_FILE COUNT   PUT /api/v1/attempts/{mock}/answers/{n} {"selected":[..]}
--   autosave LEARNERS_FILE COUNT   the same with "sequence", as site.js saves each choice
-- LEARNERS_FILE comes from prepare.mjs; COUNT learners are used (bench/http/run passes the
-- number of connections). wrk's Lua has no per-connection hook, so requests take the learners
-- in turn: with one request in flight per connection, the COUNT requests in flight at any
-- moment belong to COUNT different learners, and each learner's requests are COUNT apart.
-- Question pages cycle n over 1..50. Answers cycle over the questions of the learner's answer
-- attempts (mock exams of their own sessions), one attempt after the other, and alternate the
-- option (a, b: valid for every question type of a mock exam); every answer reply must be 200.
-- autosave uses attempts of its own and sends each slot's sequence number, counted here from 0:
-- only this scenario writes to them, and saves to one slot are COUNT x 50 requests apart, so
-- each has landed before the next is sent. At the end, done() prints how many saves each
-- attempt got on average.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local mode
local learners = {}
local prepared = {}  -- question mode: every request, built once
local counter = 0
not_200 = nil

function init(args)
  mode = args[1]
  local limit = tonumber(args[3])
  for line in io.lines(args[2]) do
    local cookie, token, mock, answers, autosaves, count =
      line:match("^(%S+) (%S+) (%S+) (%S+) (%S+) (%d+)$")
    if cookie and #learners < limit then
      local attempts = {}
      for c, t, id in (mode == "autosave" and autosaves or answers):gmatch("([^:,]+):([^:,]+):([^:,]+)") do
        table.insert(attempts, { cookie = c, token = t, id = id, sequence = {} })
      end
      table.insert(learners, { cookie = cookie, token = token, mock = mock, attempts = attempts,
                               count = tonumber(count), next = 0, attempt = 0, option = "b" })
    end
  end
  if #learners < limit then error("learners file has " .. #learners .. " learners, need " .. limit) end
  if mode == "question" then
    for n = 1, 50 do
      for _, l in ipairs(learners) do
        table.insert(prepared, wrk.format("GET", "/attempts/" .. l.mock .. "/q/" .. n,
                                          { Cookie = "certhub_session=" .. l.cookie }))
      end
    end
    response = nil  -- wrk then skips parsing replies
  elseif mode == "answer" or mode == "autosave" then
    not_200 = 0
    answer_attempts = #learners * #learners[1].attempts
  else
    error("mode must be question, answer or autosave")
  end
end

function request()
  counter = counter + 1
  if mode == "question" then
    return prepared[(counter - 1) % #prepared + 1]
  end
  local l = learners[(counter - 1) % #learners + 1]
  l.next = l.next % l.count + 1
  if l.next == 1 then l.attempt = l.attempt % #l.attempts + 1 end
  l.option = l.option == "a" and "b" or "a"
  local a = l.attempts[l.attempt]
  local body = '{"selected":["' .. l.option .. '"]'
  if mode == "autosave" then
    local seq = a.sequence[l.next] or 0
    body = body .. ',"sequence":' .. seq
    a.sequence[l.next] = seq + 1
  end
  return wrk.format("PUT", "/api/v1/attempts/" .. a.id .. "/answers/" .. l.next,
                    { Cookie = "certhub_session=" .. a.cookie, ["X-CSRF-Token"] = a.token,
                      ["Content-Type"] = "application/json" },
                    body .. "}")
end

function response(status, headers, body)
  if status ~= 200 then
    not_200 = not_200 + 1
    if not first_bad then first_bad = status .. " " .. body:sub(1, 200) end
  end
end
