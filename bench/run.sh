#!/usr/bin/env bash
# `make bench`: measures every tier of www.foobar.com side by side, in one run on one machine.
#
# Brings the stack up if it is not (`make up`; stopped again at the end, volumes kept), raises the
# load balancer's abuse limits through their own settings for the run (and puts them back), then
# runs wrk from a container attached to the stack's internal networks, so that it reaches each
# tier directly: HAProxy (HTTPS), one Nginx, one gateway, one app-service. Replication lag is read
# from the replica's binary log, where every replicated transaction carries its commit time on
# the primary and on the replica. Writes bench/results/<time>/: results.json, results.csv,
# report.md and PNG plots (bench/report.sh). bench/README.md explains the figures.
#
#   make bench                          # about 10 minutes: every step of 10 s
#   make bench-smoke                    # seconds: one concurrency step, checks the report exists
#   BENCH_DURATION=5 BENCH_CONCURRENCY="1 8" BENCH_WRITE_RATES="50 200" make bench
#   BENCH_COLD=1 make bench             # also times a cold start: DELETES the stack's volumes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

smoke=${BENCH_SMOKE:-0}
if [ "$smoke" = 1 ]; then
  duration=${BENCH_DURATION:-2} concurrency=${BENCH_CONCURRENCY:-8} rates=${BENCH_WRITE_RATES:-50}
  warmup=${BENCH_WARMUP:-1} articles=${BENCH_ARTICLES:-20} settle=${BENCH_SETTLE:-2}
else
  duration=${BENCH_DURATION:-10} concurrency=${BENCH_CONCURRENCY:-1 8 32 128}
  rates=${BENCH_WRITE_RATES:-50 200 500} warmup=${BENCH_WARMUP:-5} articles=${BENCH_ARTICLES:-200}
  settle=${BENCH_SETTLE:-15}
fi
cold=${BENCH_COLD:-0}
# High enough never to answer 429 to one client holding 128 connections for minutes.
bench_rate_limit=${BENCH_RATE_LIMIT_PER_10S:-100000000}
bench_conn_limit=${BENCH_CONN_LIMIT_PER_CLIENT:-100000}
read -ra compose <<<"${COMPOSE:-docker compose}"
make_cmd=${MAKE:-make}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=${BENCH_OUT:-bench/results/$stamp$([ "$smoke" = 1 ] && echo -smoke)}
services=(lb web-1 web-2 gateway-1 gateway-2 app-1 app-2 db-primary db-replica)

log() { printf '==> bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
# A JSON string (control characters dropped).
js() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$(printf '%s' "$s" | tr -d '\000-\037')"; }
num() { [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?$ ]] && printf '%s' "$1" || printf null; }

docker info >/dev/null 2>&1 || die "the Docker engine does not answer"
project=$("${compose[@]}" config 2>/dev/null | sed -n 's/^name: *//p' | head -n 1)
[ -n "$project" ] || die "cannot read the Compose project name (${compose[*]} config)"

healthy() { # true when every service of the stack runs and is healthy
  local status
  status=$("${compose[@]}" ps --format '{{.Service}} {{.Health}}' 2>/dev/null || true)
  for s in "${services[@]}"; do grep -qx "$s healthy" <<<"$status" || return 1; done
}
in_service() { local s=$1; shift; "${compose[@]}" exec -T "$s" "$@"; }
# SQL as root on a database service; the password is the service's own secret file.
sql() { local s=$1; shift; in_service "$s" sh -c 'MYSQL_PWD="$(cat /run/secrets/DB_ROOT_PASSWORD)" exec mysql -uroot -N -B "$@"' sh "$@"; }

# --- the stack --------------------------------------------------------------------------------------
started_here=0
up_seconds=null
if ! healthy; then
  log "the stack ($project) is not up and healthy: make up"
  start=$SECONDS
  "$make_cmd" --no-print-directory up
  up_seconds=$((SECONDS - start))
  started_here=1
fi
cold_seconds=null
if [ "$cold" = 1 ]; then
  log "cold start: removing the stack's containers and volumes (BENCH_COLD=1), then up until healthy"
  "${compose[@]}" down -v --remove-orphans
  start=$SECONDS
  "${compose[@]}" up -d --wait --wait-timeout 600 || die "the cold start failed"
  cold_seconds=$((SECONDS - start))
  log "cold start: all healthy after $cold_seconds s"
fi
healthy || die "the stack is not healthy"

mem_snapshot() { # JSON object: service -> MiB, from one `docker stats` sample of the project's containers
  local ids; ids=$(docker ps -q --filter "label=com.docker.compose.project=$project")
  [ -n "$ids" ] || { echo '{}'; return; }
  # shellcheck disable=SC2086
  LC_ALL=C join -t ';' <(docker ps --filter "label=com.docker.compose.project=$project" \
                  --format '{{.ID}};{{.Label "com.docker.compose.service"}}' | LC_ALL=C sort) \
              <(docker stats --no-stream --format '{{.ID}};{{.MemUsage}}' $ids | sed 's/ *\/.*//' | LC_ALL=C sort) |
    awk -F';' '
      function mib(v,  n, u) { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "GiB") return n * 1024; if (u == "MiB") return n; if (u == "KiB") return n / 1024
        if (u == "kB") return n / 1024; if (u == "MB") return n; if (u == "GB") return n * 1024; return n / 1048576 }
      BEGIN { printf "{" } { printf "%s\"%s\":%.1f", (NR > 1 ? "," : ""), $2, mib($3) } END { print "}" }'
}

# --- the load generator --------------------------------------------------------------------------------
# Debian's own image; where there is no registry, the local base of scripts/local-images.sh.
if [ -z "${BENCH_BASE_IMAGE:-}" ]; then
  BENCH_BASE_IMAGE=debian:trixie
  if ! docker image inspect debian:trixie >/dev/null 2>&1 && docker image inspect foobar-local/debian:trixie >/dev/null 2>&1; then
    BENCH_BASE_IMAGE=foobar-local/debian:trixie
  fi
fi
image=foobar/bench:${TAG:-dev}
log "load generator image $image (from $BENCH_BASE_IMAGE)"
# The classic builder, as scripts/local-images.sh: works on engine 20.10 and pulls no frontend.
build_log=$(DOCKER_BUILDKIT=0 docker build --build-arg "BASE_IMAGE=$BENCH_BASE_IMAGE" -t "$image" bench 2>&1) ||
  { printf '%s\n' "$build_log" | tail -n 30 >&2; die "building $image failed"; }

network() { docker network ls -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.network=$1"; }
net_web=$(network web) net_app=$(network app)
[ -n "$net_web" ] && [ -n "$net_app" ] || die "the stack's networks web and app are missing"

mkdir -p "$out"
out=$(cd "$out" && pwd)
gen="$project-bench-$$"
lb_changed=0
cleanup() {
  docker rm -f "$gen" >/dev/null 2>&1 || true
  if [ "$lb_changed" = 1 ]; then
    log "putting the load balancer's limits back"
    "${compose[@]}" up -d --no-deps --wait lb >/dev/null 2>&1 || log "WARNING: could not re-create lb; run make up"
  fi
  if [ "$started_here" = 1 ] && [ "${BENCH_KEEP_UP:-0}" != 1 ]; then
    log "stopping the stack this run started (volumes kept)"
    "${compose[@]}" down >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
# Attached to web (lb, web-1) and app (gateway-1, app-1); nothing more than it needs.
docker create --name "$gen" --label "com.foobar.bench=$project" --network "$net_web" \
  --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges \
  --user "$(id -u):$(id -g)" -e HOME=/tmp \
  -v "$PWD/bench:/bench:ro" -v "$out:/out" "$image" sleep infinity >/dev/null
docker network connect "$net_app" "$gen"
docker start "$gen" >/dev/null
gen_sh() { docker exec -i "$gen" sh -c "$@"; }

# --- what this run runs on ----------------------------------------------------------------------------
log "machine and versions"
others=$(docker ps -q | wc -l)
others=$((others - $(docker ps -q --filter "label=com.docker.compose.project=$project" | wc -l) - 1))
IFS=';' read -r ncpu memtotal kernel os docker_version < <(docker info --format '{{.NCPU}};{{.MemTotal}};{{.KernelVersion}};{{.OperatingSystem}};{{.ServerVersion}}')
cpu_model=$(gen_sh "sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1")
loadavg=$(gen_sh 'cut -d" " -f1-3 /proc/loadavg')
compose_version=$("${compose[@]}" version --short 2>/dev/null || echo unknown)
haproxy_version=$(in_service lb haproxy -v 2>/dev/null | sed -n 's/^HAProxy version \([^ ]*\).*/\1/p' | head -n 1)
nginx_version=$(in_service web-1 nginx -v 2>&1 | sed -n 's/.*nginx\/\([^ ]*\).*/\1/p' | head -n 1)
java_version() { in_service "$1" java -XX:TieredStopAtLevel=1 -version 2>&1 | sed -n 's/.*Runtime Environment.*(build \(.*\))$/\1/p' | head -n 1; }
java_app=$(java_version app-1) java_gateway=$(java_version gateway-1)
jar_info() { # service: the Spring Boot version from the jar's manifest, and its Spring Cloud Gateway jar
  in_service "$1" cat /app/app.jar | gen_sh 'cat >/tmp/app.jar &&
    unzip -p /tmp/app.jar META-INF/MANIFEST.MF | sed -n "s/^Spring-Boot-Version: *//p" | tr -d "\r";
    unzip -Z1 /tmp/app.jar | sed -n "s|.*/spring-cloud-gateway-server[^/]*-\([0-9][^/]*\)\.jar$|\1|p" | head -n 1;
    rm -f /tmp/app.jar'
}
boot_app='' boot_gateway='' scg_version=''
{ read -r boot_app; } < <(jar_info app-1) || true
{ read -r boot_gateway; read -r scg_version; } < <(jar_info gateway-1) || true
mysql_primary=$(sql db-primary -e 'SELECT VERSION()')
mysql_replica=$(sql db-replica -e 'SELECT VERSION()')
wrk_version=$(gen_sh 'wrk -v 2>&1 | head -n 1' | sed 's/ Copyright.*//')
gnuplot_version=$(gen_sh 'gnuplot --version')

# --- the load balancer's limits, raised through its own settings ---------------------------------------
log "re-creating lb with RATE_LIMIT_PER_10S=$bench_rate_limit CONN_LIMIT_PER_CLIENT=$bench_conn_limit"
lb_changed=1
RATE_LIMIT_PER_10S=$bench_rate_limit CONN_LIMIT_PER_CLIENT=$bench_conn_limit \
  "${compose[@]}" up -d --no-deps --wait lb >/dev/null 2>&1 || die "re-creating lb failed"
sleep "$settle"
mem_idle=$(mem_snapshot)

# --- articles to read ---------------------------------------------------------------------------------
log "seeding $articles articles through app-1"
ids=$(gen_sh "for i in \$(seq 1 $articles); do
    curl -sS -o /dev/null -w '%{http_code} %header{location}\n' -H 'Content-Type: application/json' \
      --data '{\"title\":\"Bench article '\$i'\",\"body\":\"Seeded by make bench: one of the articles the read steps fetch by id.\"}' \
      http://app-1:8080/api/articles
  done" | awk '$1 == 201 { n = split($2, p, "/"); print p[n] }' | paste -sd, -)
[ -n "$ids" ] || die "seeding failed: no article was created"
last_id=${ids##*,}
# Reads go to the replica: wait until it has the last article (the app reports where a read went).
for _ in $(seq 1 60); do
  src=$(gen_sh "curl -s -o /dev/null -w '%{http_code} %header{x-read-source}' http://app-1:8080/api/articles/$last_id")
  [ "$src" = "200 replica" ] && break
  sleep 1
done
read_sources=''
for t in haproxy=https://lb:443 nginx=http://web-1:80 gateway=http://gateway-1:8080 app=http://app-1:8080; do
  src=$(docker exec "$gen" curl -sk -o /dev/null -H 'Host: www.foobar.com' \
    -w '%{http_code} %header{x-read-source}' "${t#*=}/api/articles/$last_id" || true)
  read_sources+="${read_sources:+,}\"${t%%=*}\":$(js "$src")"
done

# --- the load steps -----------------------------------------------------------------------------------
threads_max=$(gen_sh nproc)
: >"$out/runs.jsonl"
: >"$out/wrk.log"
host=(-H 'Host: www.foobar.com')
# scenario tier url script [script args]
targets=(
  "static haproxy https://lb:443/ get.lua"
  "static nginx http://web-1:80/ get.lua"
  "article haproxy https://lb:443/ article.lua $ids"
  "article nginx http://web-1:80/ article.lua $ids"
  "article gateway http://gateway-1:8080/ article.lua $ids"
  "article app http://app-1:8080/ article.lua $ids"
  "list haproxy https://lb:443/api/articles?size=20 get.lua"
  "list nginx http://web-1:80/api/articles?size=20 get.lua"
  "list gateway http://gateway-1:8080/api/articles?size=20 get.lua"
  "list app http://app-1:8080/api/articles?size=20 get.lua"
  "write haproxy https://lb:443/api/articles write.lua"
  "mix haproxy https://lb:443/ mix.lua $ids"
)
wrk_run() { # connections seconds url script [args]: wrk's output, its JSON line last
  local c=$1 d=$2 url=$3 script=$4; shift 4
  local t=$((c < threads_max ? c : threads_max))
  docker exec "$gen" wrk -t "$t" -c "$c" -d "${d}s" --timeout 10s --latency "${host[@]}" \
    -s "/bench/lua/$script" "$url" ${1:+--} "$@" 2>&1 || true
}
if [ "$warmup" != 0 ]; then
  log "warming up every target for ${warmup} s (not recorded)"
  for target in "${targets[@]}"; do
    read -r _ _ url script args <<<"$target"
    wrk_run 8 "$warmup" "$url" "$script" ${args:+"$args"} >/dev/null
  done
fi
for target in "${targets[@]}"; do
  read -r scenario tier url script args <<<"$target"
  for c in $concurrency; do
    log "$scenario via $tier, $c connections, ${duration} s"
    result=$(wrk_run "$c" "$duration" "$url" "$script" ${args:+"$args"})
    printf '### %s %s c=%s\n%s\n' "$scenario" "$tier" "$c" "$result" >>"$out/wrk.log"
    json=$(sed -n 's/^BENCH_RESULT //p' <<<"$result" | tail -n 1)
    printf '{"scenario":"%s","tier":"%s","url":%s,"connections":%s,"threads":%s,"result":%s}\n' \
      "$scenario" "$tier" "$(js "$url")" "$c" "$((c < threads_max ? c : threads_max))" "${json:-null}" >>"$out/runs.jsonl"
  done
done

# --- replication lag under steady write rates -----------------------------------------------------------
: >"$out/replication.jsonl"
lag_method=binlog
if [ "$(sql db-replica -e 'SELECT @@log_bin AND @@log_replica_updates')" != 1 ]; then
  lag_method=none
  log "replication lag: not measured (the replica writes no binary log of what it applies)"
fi
caught_up() { # true once the replica has applied all the primary has (60 s at most), else false
  local gtids
  gtids=$(sql db-primary -e 'SELECT @@GLOBAL.gtid_executed' | sed 's/\\n//g' | tr -d '\n')
  [ "$(sql db-replica -e "SELECT WAIT_FOR_EXECUTED_GTID_SET('$gtids', 60)")" = 0 ] && echo true || echo false
}
for rate in $rates; do
  [ "$lag_method" = binlog ] || break
  log "replication lag: $rate writes/s through app-1 for ${duration} s"
  # A fresh binary log on a replica that has applied everything before: this step's alone.
  caught_up >/dev/null
  sql db-replica -e 'FLUSH BINARY LOGS' >/dev/null
  first_log=$(sql db-replica -e 'SHOW BINARY LOG STATUS' | cut -f1)
  result=$(wrk_run 64 "$duration" http://app-1:8080/api/articles rate.lua "$rate" "$threads_max")
  printf '### replication %s writes/s\n%s\n' "$rate" "$result" >>"$out/wrk.log"
  json=$(sed -n 's/^BENCH_RESULT //p' <<<"$result" | tail -n 1)
  synced=$(caught_up)
  # Every transaction the replica applied since the flush: its commit time on the primary
  # (original) and on the replica (immediate), in microseconds since the epoch.
  files=$(sql db-replica -e 'SHOW BINARY LOGS' | cut -f1 | awk -v f="$first_log" '$1 >= f' | tr '\n' ' ')
  lags=$(in_service db-replica sh -c 'cd "$(dirname "$(MYSQL_PWD="$(cat /run/secrets/DB_ROOT_PASSWORD)" mysql -uroot -N -B -e "SELECT @@log_bin_basename")")" && mysqlbinlog "$@"' sh $files |
    sed -n 's/.*original_committed_timestamp=\([0-9]*\)[[:space:]]*immediate_commit_timestamp=\([0-9]*\).*/\1 \2/p' |
    awk '$1 != $2 { print $2 - $1, $1 }' | sort -n)
  # Lag percentiles, and the write rate the primary committed (transactions over the time
  # between its first and last commit of the step).
  stats=$(awk 'NF { v[++n] = $1; if (!t0 || $2 < t0) t0 = $2; if ($2 > t1) t1 = $2 } END {
      if (n == 0) { print "0 null null null null null"; exit }
      p50 = v[int(0.50 * (n - 1)) + 1]; p99 = v[int(0.99 * (n - 1)) + 1]
      rate = (t1 > t0) ? sprintf("%.1f", (n - 1) * 1e6 / (t1 - t0)) : "null"
      printf "%d %.2f %.2f %.2f %.2f %s\n", n, p50 / 1000, p99 / 1000, v[n] / 1000, v[1] / 1000, rate }' <<<"$lags")
  read -r n p50 p99 max min committed <<<"$stats"
  printf '{"target_rate":%s,"committed_rate":%s,"transactions":%s,"lag_ms":{"p50":%s,"p99":%s,"max":%s,"min":%s},"caught_up":%s,"writes":%s}\n' \
    "$rate" "$committed" "$n" "$p50" "$p99" "$max" "$min" "$synced" "${json:-null}" >>"$out/replication.jsonl"
done

# --- after the load -------------------------------------------------------------------------------------
sleep "$settle"
mem_after=$(mem_snapshot)
cat >"$out/meta.json" <<JSON
{
  "timestamp": $(js "$stamp"),
  "project": $(js "$project"),
  "mode": "$([ "$smoke" = 1 ] && echo smoke || echo full)",
  "duration_s": $(num "$duration"), "warmup_s": $(num "$warmup"), "articles": $(num "$articles"),
  "concurrency": [$(tr -s ' ' ',' <<<"$concurrency" | sed 's/^,//;s/,$//')],
  "write_rates": [$(tr -s ' ' ',' <<<"$rates" | sed 's/^,//;s/,$//')],
  "machine": {"cores": $(num "$ncpu"), "cpu": $(js "$cpu_model"), "memory_bytes": $(num "$memtotal"),
    "kernel": $(js "$kernel"), "os": $(js "$os"), "docker": $(js "$docker_version"), "compose": $(js "$compose_version"),
    "loadavg_at_start": $(js "$loadavg"), "other_containers": $others},
  "versions": {"haproxy": $(js "$haproxy_version"), "nginx": $(js "$nginx_version"),
    "java_app": $(js "$java_app"), "java_gateway": $(js "$java_gateway"),
    "spring_boot_app": $(js "$boot_app"), "spring_boot_gateway": $(js "$boot_gateway"),
    "spring_cloud_gateway": $(js "$scg_version"),
    "mysql_primary": $(js "$mysql_primary"), "mysql_replica": $(js "$mysql_replica"),
    "wrk": $(js "$wrk_version"), "gnuplot": $(js "$gnuplot_version")},
  "read_source": {$read_sources},
  "lag_method": "$lag_method",
  "startup": {"cold_up_s": $cold_seconds, "make_up_s": $up_seconds},
  "memory_mib": {"idle": $mem_idle, "after_load": $mem_after}
}
JSON
log "writing the report"
docker exec "$gen" sh /bench/report.sh /out
rm -f "$out/runs.jsonl" "$out/replication.jsonl" "$out/meta.json"

# The smoke's check (and a full run's): the report, wrk ran against every target (a target it
# could not reach leaves no result), and answers came back.
[ -s "$out/report.md" ] && [ -s "$out/results.json" ] || die "no report in $out"
docker exec "$gen" jq -e 'all(.runs[]; .result != null) and any(.runs[]; .result.requests > 0)' \
  /out/results.json >/dev/null || die "a load step produced no result (see $out/wrk.log)"
log "report: ${out#"$PWD/"}/report.md"
