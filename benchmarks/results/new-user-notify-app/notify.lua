-- each request for a random user among 200,000 (so the template cache fills, then churns), 20 ms think time
request = function()
  return wrk.format("GET", "/notify/u" .. math.random(1, 200000))
end
delay = function()
  return 20
end
