-- POST /api/articles at a steady rate: `-- RATE THREADS` (writes per second in total, wrk's -t).
-- wrk itself has no rate option; each thread hands out send times on a fixed schedule through
-- delay() (called before every request), so the rate holds while enough connections are open.
-- A thread that falls behind skips the missed slots instead of catching up in a burst.
dofile("/bench/lua/common.lua")
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval_ms, next_ms

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"Bench replication","body":"Written by make bench at a steady rate."}'

function init(args)
  local rate, threads = tonumber(args[1]), tonumber(args[2] or 1)
  assert(rate and rate > 0, "rate.lua: give the rate after --, e.g. -- 200 2")
  interval_ms = 1000 * threads / rate
end

function delay()
  local now = now_ms()
  if next_ms == nil or next_ms < now - interval_ms then next_ms = now end
  local wait = next_ms - now
  next_ms = next_ms + interval_ms
  return math.floor(wait)
end
