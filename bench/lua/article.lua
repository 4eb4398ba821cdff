-- GET /api/articles/{id}, the id drawn at random from the ones given after `--` (comma-separated).
dofile("/bench/lua/common.lua")
local ids

function init(args)
  ids = article_ids(args)
end

function request()
  return wrk.format("GET", "/api/articles/" .. ids[math.random(#ids)])
end
