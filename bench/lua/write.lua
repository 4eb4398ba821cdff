-- POST /api/articles: a new article per request (primary writes).
dofile("/bench/lua/common.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"Bench article","body":"Written by make bench to measure the write path.' ..
  ' About as long as a short paragraph of a real article, so the row is not trivially small."}'
