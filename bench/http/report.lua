-- Shared by the wrk scripts: done() prints one machine-readable line for bench/http/run:
--   BENCH requests=N duration_us=N p50_us=N p99_us=N non2xx=N errors=N
-- non2xx: replies that were not 200 when the script counts them itself (answer modes: the
-- global not_200 of each wrk thread), else wrk's count of statuses 400 and over.
-- errors: connect, read, write errors and timeouts.
threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  local counted = 0
  for _, t in ipairs(threads) do
    local n = t:get("not_200")
    if n then counted = counted + n; non2xx = counted end
    local first = t:get("first_bad")
    if first then io.stderr:write("first reply that was not 200: " .. first .. "\n") end
  end
  local attempts = 0
  for _, t in ipairs(threads) do attempts = math.max(attempts, t:get("answer_attempts") or 0) end
  if attempts > 0 then
    io.write(string.format("saves per answer attempt in this run: %.0f (%d attempts)\n",
      summary.requests / attempts, attempts))
  end
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), non2xx,
    e.connect + e.read + e.write + e.timeout))
end
