-- Traffic for the sample app, used by benchmarks/record-sample-app.sh: each connection sends, in turn, three JSON
-- reads and one write into the bounded Caffeine cache (4 KiB value, evicted at 500 entries), waiting a think time
-- (first script argument, milliseconds, default 10) before each request. A second argument N > 0 replaces every Nth
-- request by a 16 KiB write into the bounded catalog cache (POST /caches/catalog?entries=1), which fills up to its cap
-- and then churns there.
--   wrk -t2 -c16 -d60s -s benchmarks/wrk-sample-app.lua http://127.0.0.1:8080 -- 10 [N]
local paths = {
  { "GET", "/garbage" },
  { "GET", "/leak/shapes" },
  { "GET", "/threads/leak" },
  { "POST", "/caches/churn?entries=1" },
}
local requests = {}
local think = 10
local catalogEvery = 0
local catalog = nil
local i = 0

function init(args)
  if args[1] ~= nil then
    think = tonumber(args[1])
  end
  if args[2] ~= nil then
    catalogEvery = tonumber(args[2])
  end
  catalog = wrk.format("POST", "/caches/catalog?entries=1")
  for k, p in ipairs(paths) do
    requests[k] = wrk.format(p[1], p[2])
  end
end

function delay()
  return think
end

function request()
  i = i + 1
  if catalogEvery > 0 and i % catalogEvery == 0 then
    return catalog
  end
  return requests[(i % #requests) + 1]
end
