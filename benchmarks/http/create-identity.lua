-- wrk script: POST /admin/identities with a new email on every request (no 409s); reports through report.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

local counter = 0

request = function()
  counter = counter + 1
  local body = string.format('{"schema_id":"default","traits":{"email":"load-%s-%d-%d@example.com"}}', run or "0", id or 0, counter)
  return wrk.format("POST", "/admin/identities", { ["Content-Type"] = "application/json" }, body)
end

-- Each thread gets its own number, and each wrk run its own tag (time plus a clock reading), so no two requests of
-- any run share an email.
local threads = 0
local tag = string.format("%d%06d", os.time(), math.floor((os.clock() * 1000000) % 1000000))
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
  thread:set("run", tag)
end
