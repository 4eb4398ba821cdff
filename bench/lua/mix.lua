-- 90 % GET /api/articles/{id} (ids after `--`, comma-separated), 10 % POST /api/articles.
dofile("/bench/lua/common.lua")
local ids
local post_body = '{"title":"Bench article","body":"Written by make bench (read/write mix)."}'
local post_headers = { ["Content-Type"] = "application/json" }

function init(args)
  ids = article_ids(args)
end

function request()
  if math.random() < 0.1 then
    return wrk.format("POST", "/api/articles", post_headers, post_body)
  end
  return wrk.format("GET", "/api/articles/" .. ids[math.random(#ids)])
end
