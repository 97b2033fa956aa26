-- wrk script: POST /admin/identities with a new email on every request (no 409s).
local counter = 0
local prefix = tostring(math.random(1, 1000000000))

request = function()
  counter = counter + 1
  local body = string.format('{"schema_id":"default","traits":{"email":"load-%s-%d-%d@example.com"}}', prefix, id or 0, counter)
  return wrk.format("POST", "/admin/identities", { ["Content-Type"] = "application/json" }, body)
end

setup = function(thread)
  thread:set("id", math.random(1, 1000000000))
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
