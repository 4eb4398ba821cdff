#!/bin/sh
# Turns one `make bench` run into its results: results.json (everything), results.csv (one row
# per load step), report.md (bench/report.jq) and three PNG plots (bench/plots.gp).
# Runs in the load generator's container (jq, gnuplot): sh /bench/report.sh DIR, where DIR holds
# the run's meta.json, runs.jsonl and replication.jsonl (written by bench/run.sh).
set -eu
dir=${1:?usage: report.sh DIR}
cd "$dir"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

jq -n --slurpfile meta meta.json --slurpfile runs runs.jsonl --slurpfile repl replication.jsonl \
  '{meta: $meta[0], runs: $runs, replication: $repl}' >results.json

jq -r '["scenario", "tier", "connections", "requests", "seconds", "rps", "p50_us", "p90_us", "p99_us",
        "p999_us", "max_us", "status_errors", "io_errors"],
  (.runs[] | .result as $r
   | [.scenario, .tier, .connections, $r.requests, $r.seconds, $r.rps, $r.latency_us.p50, $r.latency_us.p90,
      $r.latency_us.p99, $r.latency_us.p999, $r.latency_us.max, $r.errors.status,
      (if $r == null then null else $r.errors | .connect + .read + .write + .timeout end)])
  | @csv' results.json >results.csv

jq -r -f /bench/report.jq results.json >report.md

# Plot data: one block per tier (gnuplot's index), columns as plots.gp reads them.
for scenario in static article list; do
  jq -r --arg s "$scenario" '[.runs[] | select(.scenario == $s and .result != null)] | group_by(.tier)[]
    | "\(.[0].tier) req/s", (.[] | "\(.connections) \(.result.rps)"), "", ""' results.json >"$data/rps-$scenario.dat"
  # gnuplot refuses a plot without points: a step that failed everywhere shows as 0.
  [ -s "$data/rps-$scenario.dat" ] || printf 'no-result req/s\n%s 0\n' "$(jq '.meta.concurrency[0]' results.json)" >"$data/rps-$scenario.dat"
done
jq -r '(if (.meta.concurrency | index(8)) then 8 else .meta.concurrency[0] end) as $ref
  | .runs[] | select(.connections == $ref and .result != null)
  | "\(.scenario):\(.tier) \(.result.latency_us.p50 / 1000) \(.result.latency_us.p99 / 1000) \(.result.latency_us.p999 / 1000)"' \
  results.json >"$data/latency.dat"
[ -s "$data/latency.dat" ] || echo 'no-result 1 1 1' >"$data/latency.dat"
jq -r '.replication[] | select(.transactions > 0)
  | "\(.target_rate) \(.lag_ms.p50) \(.lag_ms.p99) \(.lag_ms.max) \(.writes.rps // 0)"' results.json >"$data/lag.dat"
ref=$(jq -r 'if (.meta.concurrency | index(8)) then 8 else .meta.concurrency[0] end' results.json)
cmin=$(jq '.meta.concurrency | min' results.json)
cmax=$(jq '.meta.concurrency | max' results.json)

gnuplot -e "data='$data'; ref='$ref'; cmin=$cmin; cmax=$cmax" /bench/plots.gp
