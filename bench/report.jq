# The Markdown report of one `make bench` run, from its results.json (bench/report.sh runs it).
def ms: if . == null then "–" else (. / 1000 * 100 | round / 100 | tostring) end;
def pct: if . == null then "–" else ((. * 100 | round | tostring) + " %") end;
def num1: if . == null then "–" else (. * 10 | round / 10 | tostring) end;
def errs: if . == null then "no result"
  else (.errors | .connect + .read + .write + .timeout) as $io | .errors.status as $st
    | if $io + $st == 0 then "0" else "\($st) HTTP, \($io) I/O" end end;
def row: "| " + join(" | ") + " |";
# The stack's own services, not monitoring beside it.
def is_core: test("^(lb|web-[0-9]+|gateway-[0-9]+|app-[0-9]+|db-primary|db-replica)$");

.meta as $m
| .runs as $runs
| (if ($m.concurrency | index(8)) then 8 else $m.concurrency[0] end) as $ref
| def run($s; $t; $c): first($runs[] | select(.scenario == $s and .tier == $t and .connections == $c) | .result) // null;
  def rps($s; $t; $c): run($s; $t; $c) | if . == null then null else .rps end;
  def p50($s; $t; $c): run($s; $t; $c) | if . == null then null else .latency_us.p50 end;
  def ratio($a; $b): if $a == null or $b == null or $b == 0 then null else $a / $b end;
  def diff($a; $b): if $a == null or $b == null then null else $a - $b end;
  def tiers($s): [$runs[] | select(.scenario == $s) | .tier] | unique_by(.) as $u
    | ["haproxy", "nginx", "gateway", "app"] | map(select(. as $t | $u | index($t)));
  def names: {haproxy: "HAProxy (HTTPS, both servers)", nginx: "web-1 (Nginx) direct",
    gateway: "gateway-1 direct", app: "app-1 direct"};
  def inward: {haproxy: "nginx", nginx: "gateway", gateway: "app"};
  def chain($s; $title):
    "### \($title): each tier against app-service direct, \($ref) connections",
    "",
    (["tier", "req/s", "share of app direct", "p50 ms", "p99 ms", "added p50 vs the next tier in (ms)"] | row),
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    (tiers($s)[] as $t | run($s; $t; $ref) as $r
      | [names[$t], ($r.rps | num1), (ratio($r.rps; rps($s; "app"; $ref)) | pct), ($r.latency_us.p50 | ms),
         ($r.latency_us.p99 | ms),
         (if inward[$t] then (diff($r.latency_us.p50; p50($s; inward[$t]; $ref)) | ms) + " (→ " + inward[$t] + ")" else "–" end)]
      | row),
    "",
    "Share of app direct at each concurrency:",
    "",
    (["connections"] + (tiers($s) | map(names[.])) | row),
    ("| ---: " * ((tiers($s) | length) + 1) + "|"),
    ($m.concurrency[] as $c | [($c | tostring)] + (tiers($s) | map(ratio(rps($s; .; $c); rps($s; "app"; $c)) | pct)) | row),
    "";
  def sweep($s; $title):
    "#### \($title)",
    "",
    (["tier", "connections", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors"] | row),
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ($runs[] | select(.scenario == $s) | .result as $r
      | [names[.tier], (.connections | tostring), ($r.rps | num1), ($r.latency_us.p50 | ms), ($r.latency_us.p90 | ms),
         ($r.latency_us.p99 | ms), ($r.latency_us.p999 | ms), ($r.latency_us.max | ms), ($r | errs)] | row),
    "";
  def mem($snap):
    ($snap | to_entries | map(select(.key | is_core))) as $core
    | ($snap | to_entries | map(select(.key | is_core | not))) as $other
    | "\($core | map(.value) | add // 0 | . / 1024 * 100 | round / 100) GiB for the stack ("
      + ($core | sort_by(.key) | map("\(.key) \(.value | round) MiB") | join(", ")) + ")"
      + (if ($other | length) > 0 then "; beside it \($other | map(.value) | add | round) MiB ("
         + ($other | map(.key) | join(", ")) + ")" else "" end);
  ($m.machine.loadavg_at_start | split(" ")[0] | tonumber) as $load
  | ($load > $m.machine.cores * 0.5 or $m.machine.other_containers > 0) as $busy
  | "# www.foobar.com bench, \($m.timestamp)",
    "",
    "`make bench` (\($m.mode) run): \($m.duration_s) s per step after \($m.warmup_s) s of warm-up per target; connections \($m.concurrency | map(tostring) | join(", ")); write rates \($m.write_rates | map(tostring) | join(", ")) /s. Figures are from this run only: compare ratios, not bare numbers, across machines.",
    "",
    (if $m.mode == "smoke" then "> **Smoke run**: seconds per step, to prove the bench works. Its figures mean nothing.\n" else empty end),
    (if $busy then "> **The machine was busy**: load average \($m.machine.loadavg_at_start) on \($m.machine.cores) cores at the start, \($m.machine.other_containers) other containers running. The load generator and every tier share these cores, so these figures are lower and noisier than a quiet machine's.\n" else empty end),
    "## Machine and versions",
    "",
    "| | |",
    "| --- | --- |",
    "| machine | \($m.machine.cores) cores (\($m.machine.cpu)), \($m.machine.memory_bytes / 1073741824 * 10 | round / 10) GiB, kernel \($m.machine.kernel), \($m.machine.os) |",
    "| Docker | Engine \($m.machine.docker), Compose \($m.machine.compose) |",
    "| HAProxy | \($m.versions.haproxy) |",
    "| Nginx | \($m.versions.nginx) |",
    "| Java | app-service: \($m.versions.java_app); gateway: \($m.versions.java_gateway) |",
    "| Spring Boot | app-service \($m.versions.spring_boot_app), gateway \($m.versions.spring_boot_gateway) (Spring Cloud Gateway \($m.versions.spring_cloud_gateway)) |",
    "| MySQL | primary \($m.versions.mysql_primary), replica \($m.versions.mysql_replica) |",
    "| load generator | \($m.versions.wrk), \($m.versions.gnuplot) |",
    "",
    "Reads were served by (status and X-Read-Source, one request per tier before the load): " + ($m.read_source | to_entries | map("\(.key) \(.value)") | join(", ")) + ".",
    "",
    "## Summary",
    "",
    (rps("static"; "haproxy"; $ref) as $h | rps("static"; "nginx"; $ref) as $n
      | "- Static page at \($ref) connections: HAProxy (HTTPS) \($h | num1) req/s against one Nginx direct \($n | num1) req/s: **\(ratio($h; $n) | pct)**; p50 \(p50("static"; "haproxy"; $ref) | ms) ms against \(p50("static"; "nginx"; $ref) | ms) ms."),
    (rps("article"; "haproxy"; $ref) as $h | rps("article"; "app"; $ref) as $a
      | "- Article by id at \($ref) connections: the full chain (HAProxy, HTTPS) reaches **\(ratio($h; $a) | pct)** of app-service direct and adds **\(diff(p50("article"; "haproxy"; $ref); p50("article"; "app"; $ref)) | ms) ms** at p50."),
    (rps("list"; "haproxy"; $ref) as $h | rps("list"; "app"; $ref) as $a
      | "- Article list (20 per page) at \($ref) connections: the full chain reaches **\(ratio($h; $a) | pct)** of app-service direct and adds **\(diff(p50("list"; "haproxy"; $ref); p50("list"; "app"; $ref)) | ms) ms** at p50."),
    (.replication | map(select(.target_rate == 200)) | first // null
      | if . == null then "- Replication lag at 200 writes/s: not measured in this run."
        else "- Replication lag at 200 writes/s: p50 **\(.lag_ms.p50) ms**, p99 **\(.lag_ms.p99) ms** (\(.transactions) transactions, \(.committed_rate | num1) writes/s reached)." end),
    "- Start: " + (if $m.startup.cold_up_s != null then "cold start (images present, no containers or volumes) to all healthy in **\($m.startup.cold_up_s) s**." else "cold start not measured (`BENCH_COLD=1 make bench` measures it; it deletes the stack's volumes)" + (if $m.startup.make_up_s != null then "; this run's own `make up` took \($m.startup.make_up_s) s (builds included)." else "." end) end),
    "- Memory (`docker stats`), idle before the load: " + mem($m.memory_mib.idle) + ".",
    "- Memory after the load: " + mem($m.memory_mib.after_load) + ".",
    "",
    "## Against the project's performance goals",
    "",
    "| goal | this run | met |",
    "| --- | --- | --- |",
    (def verdict($ok): if $ok == null then "–" elif $ok then "yes" else "**no**" end;
     def goal($what; $value; $ok): "| \($what) | \($value) | \(verdict($ok)) |";
     ratio(rps("article"; "haproxy"; $ref); rps("article"; "app"; $ref)) as $share
     | diff(p50("article"; "haproxy"; $ref); p50("article"; "app"; $ref)) as $added
     | ratio(rps("static"; "haproxy"; $ref); rps("static"; "nginx"; $ref)) as $static
     | (.replication | map(select(.target_rate == 200)) | first // null | .lag_ms.p99 // null) as $lag
     | ($m.memory_mib.idle | to_entries | map(select(.key | is_core) | .value) | add // null) as $idle
     | goal("reads by id through HAProxy ≥ 60 % of app-service direct (\($ref) connections)"; $share | pct; if $share == null then null else $share >= 0.6 end),
       goal("added p50 of the whole chain ≤ 2 ms (\($ref) connections)"; ($added | ms) + " ms"; if $added == null then null else $added <= 2000 end),
       goal("static page through HAProxy ≥ 80 % of one Nginx"; $static | pct; if $static == null then null else $static >= 0.8 end),
       goal("replication lag p99 ≤ 100 ms at 200 writes/s"; if $lag == null then "–" else "\($lag) ms" end; if $lag == null then null else $lag <= 100 end),
       goal("cold start to all healthy ≤ 60 s"; if $m.startup.cold_up_s == null then "–" else "\($m.startup.cold_up_s) s" end; if $m.startup.cold_up_s == null then null else $m.startup.cold_up_s <= 60 end),
       goal("idle stack ≤ 1.2 GiB (`docker stats`, monitoring aside)"; if $idle == null then "–" else "\($idle / 1024 * 100 | round / 100) GiB" end; if $idle == null then null else $idle <= 1.2 * 1024 end)),
    "",
    "## Cost of each tier",
    "",
    chain("article"; "GET /api/articles/{id} (replica reads)"),
    chain("list"; "GET /api/articles?size=20 (replica reads)"),
    "HAProxy balances over both servers (web-1 and web-2, each with its own gateway and app-service); the direct rows use one instance of their tier. The added p50 of a tier is its p50 less that of the next tier in.",
    "",
    "## Concurrency sweep",
    "",
    "![Throughput against connections](throughput.png)",
    "",
    "![Latency percentiles](latency.png)",
    "",
    sweep("static"; "Static page `/`"),
    sweep("article"; "GET /api/articles/{id}"),
    sweep("list"; "GET /api/articles?size=20"),
    sweep("write"; "POST /api/articles (primary writes) through HAProxy"),
    sweep("mix"; "90 % reads by id, 10 % writes, through HAProxy"),
    "## Replication lag under a steady write rate",
    "",
    (if (.replication | length) == 0 then "Not measured in this run (\($m.lag_method))." else
      "Writes (POST /api/articles) at a fixed rate straight to app-1 for \($m.duration_s) s each. Lag of every transaction = its commit time on the replica less its commit time on the primary, both as the replica's binary log records them (`immediate_commit_timestamp`, `original_commit_timestamp`).",
      "",
      "![Replication lag against write rate](lag.png)",
      "",
      "Reached writes/s: the transactions the primary committed over the time from its first to its last commit of the step; answered writes/s: wrk's count of answers (closed loop: a write still open when the step ends is not counted).",
      "",
      (["target writes/s", "reached writes/s", "answered writes/s", "transactions", "lag p50 ms", "lag p99 ms", "lag max ms", "write p99 ms", "errors"] | row),
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
      (.replication[] | [(.target_rate | tostring), (.committed_rate | num1), (.writes.rps // null | num1), (.transactions | tostring),
         (.lag_ms.p50 // "–" | tostring), (.lag_ms.p99 // "–" | tostring), (.lag_ms.max // "–" | tostring),
         (if (.writes.requests // 0) > 0 then .writes.latency_us.p99 else null end | ms), (.writes | errs)] | row)
    end),
    "",
    "## How to read these figures",
    "",
    "- wrk is a closed-loop generator: each connection sends its next request when the previous answer arrives. It does not correct for coordinated omission, so under saturation the high percentiles understate what an open stream of users would see; compare tiers with one another, at equal connections.",
    "- The load generator runs on the same machine as every tier and takes CPU from them: a tier that needs more CPU per request loses more when the chain is longer.",
    "- Requests to HAProxy are HTTPS with HTTP/1.1 keep-alive (one TLS handshake per connection); the other tiers are plain HTTP inside the stack's networks.",
    "- Raw wrk output: `wrk.log`; every figure: `results.json` and `results.csv`."
