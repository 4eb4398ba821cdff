#!/usr/bin/env bash
# Local drop-in substitutes for the third-party images www.foobar.com uses.
#
# Some machines (our CI among them) have a Docker engine but no container registry: nothing can be
# pulled. For every third-party image the project needs, this script keeps the official image when
# it is already present or can be pulled; otherwise it builds a substitute from Debian packages
# (folders under scripts/local-images/<name>/, each FROM foobar-local/debian:<suite>, a base made
# here with debootstrap + docker import: trixie, or sid for MySQL 9.7, which only sid packages). The choice is written to .images.env at the repo
# root, which the Makefile includes and exports (docker compose reads the variables).
#
#   bash scripts/local-images.sh          # idempotent; a second run builds nothing
#   FORCE=1 bash scripts/local-images.sh  # rebuild the substitutes (FORCE_BASE=1: the bases too)
#   LOCAL_IMAGES_ONLY=1 ...               # don't look for official images, always use substitutes
#
# A variable already set in the environment (e.g. DB_IMAGE=mysql:9.7) is respected and nothing is
# built for it, unless it names the local substitute tag, which is then (re)built when missing.
# A substitute is also rebuilt when the files in its folder changed (label foobar.local.inputs).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
src="$root/scripts/local-images"
env_file="$root/.images.env"
FORCE=${FORCE:-0}
FORCE_BASE=${FORCE_BASE:-0}
LOCAL_IMAGES_ONLY=${LOCAL_IMAGES_ONLY:-0}
export DOCKER_BUILDKIT=0   # the classic builder: works with engine 20.10 and never pulls a frontend

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'local-images: %s\n' "$*" >&2; exit 1; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

docker info >/dev/null 2>&1 || die "the Docker engine does not answer (run scripts/prepare-machine.sh)"

# --- the base images: Debian minbase (trixie, sid) from the configured Debian mirror --------------
debian_mirror() {
  local m=${DEBIAN_MIRROR:-}
  if [ -z "$m" ] && [ -r /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  printf '%s\n' "${m:-http://deb.debian.org/debian}"
}

declare -A base_done
build_base() { # suite
  local suite=$1 base=foobar-local/debian:$1
  if have_image "$base" && { [ "$FORCE_BASE" != 1 ] || [ -n "${base_done[$suite]:-}" ]; }; then return 0; fi
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap is missing (apt-get install debootstrap)"
  [ "$(id -u)" = 0 ] || die "debootstrap needs root to build $base"
  local mirror dir
  mirror=$(debian_mirror)
  dir=$(mktemp -d "/tmp/foobar-debian-$suite.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -rf '$dir'" EXIT
  log "building $base: debootstrap --variant=minbase $suite from $mirror"
  debootstrap --variant=minbase "$suite" "$dir" "$mirror" >"$dir.log" 2>&1 \
    || { tail -n 30 "$dir.log" >&2; rm -f "$dir.log"; die "debootstrap failed"; }
  rm -f "$dir.log"
  # apt inside the image: plain http to the same mirror, no recommends, no services started by
  # package scripts (there is no init in a container), small footprint.
  printf 'deb %s %s main\n' "$mirror" "$suite" >"$dir/etc/apt/sources.list"
  rm -f "$dir"/etc/apt/sources.list.d/*
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
    >"$dir/etc/apt/apt.conf.d/90foobar-no-recommends"
  printf 'Acquire::Languages "none";\n' >"$dir/etc/apt/apt.conf.d/90foobar-no-languages"
  # Mirrors may serve a sid Release file past its Valid-Until date (sid is rebuilt continuously,
  # copies lag); apt refuses such a file unless told otherwise. Signatures are still checked.
  if [ "$suite" = sid ]; then
    printf 'Acquire::Check-Valid-Until "false";\n' >"$dir/etc/apt/apt.conf.d/90foobar-sid-valid-until"
  fi
  # like the official debian images: no .deb cache, no docs/man pages/translations
  cat >"$dir/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
  cat >"$dir/etc/dpkg/dpkg.cfg.d/docker-excludes" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
DPKG
  find "$dir/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  rm -rf "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/usr/share/lintian/*
  # (the man directories stay: update-alternatives in e.g. the OpenJDK packages needs them)
  mkdir -p "$dir"/usr/share/man/man{1,2,3,4,5,6,7,8}
  find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod 0755 "$dir/usr/sbin/policy-rc.d"
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/var/log/* "$dir"/tmp/*
  : >"$dir/etc/hostname"; : >"$dir/etc/resolv.conf"
  tar --numeric-owner -C "$dir" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' \
    -c 'CMD ["bash"]' \
    -m "debootstrap --variant=minbase $suite $mirror" - "$base" >/dev/null
  rm -rf "$dir"
  trap - EXIT
  base_done[$suite]=1   # FORCE_BASE: once per run
}

# --- the substitutes --------------------------------------------------------------------------------
inputs_hash() { (cd "$src/$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }

built=()
build_local() { # name tag
  local name=$1 tag=$2 hash have
  hash=$(inputs_hash "$name")
  if have_image "$tag" && [ "$FORCE" != 1 ]; then
    have=$(docker image inspect -f '{{index .Config.Labels "foobar.local.inputs"}}' "$tag" 2>/dev/null || true)
    [ "$have" = "$hash" ] && return 0
    log "$tag: the files in scripts/local-images/$name changed; rebuilding"
  fi
  # The base named in the Dockerfile's FROM line (foobar-local/debian:<suite>).
  build_base "$(sed -n 's|^FROM foobar-local/debian:\([a-z]*\).*|\1|p' "$src/$name/Dockerfile" | head -n 1)"
  log "building $tag from scripts/local-images/$name"
  local start=$SECONDS args=(--pull=false --force-rm --label "foobar.local.inputs=$hash" -t "$tag")
  [ "$FORCE" = 1 ] && args+=(--no-cache)
  local out; out=$(mktemp)
  if ! docker build "${args[@]}" "$src/$name" >"$out" 2>&1; then
    tail -n 40 "$out" >&2; rm -f "$out"; die "building $tag failed"
  fi
  rm -f "$out"
  built+=("$tag ($((SECONDS - start)) s)")
}

official_available() { # image
  [ "$LOCAL_IMAGES_ONLY" = 1 ] && return 1
  have_image "$1" && return 0
  log "trying docker pull $1"
  timeout "${PULL_TIMEOUT:-300}" docker pull -q "$1" >/dev/null 2>&1
}

declare -A chosen
order=()
choose() { # VAR official local-tag folder
  local var=$1 official=$2 tag=$3 name=$4 value
  order+=("$var")
  value=${!var:-}
  if [ -n "$value" ] && [ "$value" != "$tag" ]; then
    chosen[$var]="$value (from the environment)"; printf -v "$var" '%s' "$value"; return 0
  fi
  if [ -z "$value" ] && official_available "$official"; then
    chosen[$var]="$official (official)"; printf -v "$var" '%s' "$official"; return 0
  fi
  build_local "$name" "$tag"
  chosen[$var]="$tag (local substitute)"; printf -v "$var" '%s' "$tag"
}

start=$SECONDS
choose JRE_IMAGE     eclipse-temurin:25-jre       foobar-local/jre:25           jre
choose DB_IMAGE      mysql:9.7                    foobar-local/mysql:9.7        mysql
choose HAPROXY_IMAGE haproxy:3.0                  foobar-local/haproxy:3.0      haproxy
choose NGINX_IMAGE   nginx:1.26                   foobar-local/nginx:1.26       nginx
# The Maven image serves only the from-source build path. JAR_FROM=host needs none; JAR_FROM=auto
# (make's default) takes one named in the environment or the official one, else none: then there is
# no registry, and the jars are built on the host (the Makefile's rule).
maven=maven:3.9-eclipse-temurin-25 maven_local=foobar-local/maven:3.9-jdk25
case "${JAR_FROM:-source}" in
  host) log "MAVEN_IMAGE: none needed (JAR_FROM=host)" ;;
  auto) if { [ -n "${MAVEN_IMAGE:-}" ] && [ "$MAVEN_IMAGE" != "$maven_local" ]; } || official_available "$maven"; then
          choose MAVEN_IMAGE "$maven" "$maven_local" maven
        else log "MAVEN_IMAGE: none needed (no official image: the jars are built on the host)"; fi ;;
  *) choose MAVEN_IMAGE "$maven" "$maven_local" maven ;;
esac

{
  echo "# Written by scripts/local-images.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ): the container images to use."
  echo "# Official images where present or pullable, else local substitutes built from Debian packages."
  echo "# Included and exported by the Makefile. Regenerate with: bash scripts/local-images.sh"
  for var in "${order[@]}"; do printf '%s=%s\n' "$var" "${!var}"; done
} >"$env_file.tmp"
mv "$env_file.tmp" "$env_file"

echo "local-images: wrote ${env_file#"$root/"} ($((SECONDS - start)) s)"
for var in "${order[@]}"; do printf '  %-14s %s\n' "$var" "${chosen[$var]}"; done
if [ ${#built[@]} -gt 0 ]; then printf '  built: %s\n' "${built[@]}"; fi
