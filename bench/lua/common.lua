-- Shared by every bench script (dofile'd at the top).

-- At the end of a wrk run, one JSON object on a line of its own, prefixed "BENCH_RESULT " so that
-- bench/run.sh finds it among wrk's own text. Latencies in microseconds, as wrk measures them (per
-- request on a connection: no correction for coordinated omission).
function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end

-- The article ids given after `--` (comma-separated); seeds this thread's random numbers too.
function article_ids(args)
  local ids = {}
  for id in string.gmatch(args[1] or "", "[^,]+") do ids[#ids + 1] = id end
  assert(#ids > 0, "give article ids after --, e.g. -- 1,2,3")
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  return ids
end
