#!/usr/bin/env bash
# Makes a Debian build machine without a container registry ready to build and test
# www.foobar.com: a Docker engine, the Compose v2 plugin, Chromium for the browser test, testssl.sh
# for the TLS test, a JDK 25.
# Idempotent: every step checks first and does nothing when its result is already there.
set -euo pipefail

log() { printf '==> %s\n' "$*"; }

apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Docker engine: the CLI may be there without an engine; Debian's docker.io brings one.
if ! command -v dockerd >/dev/null 2>&1; then
  log "installing the Docker engine (docker.io)"
  apt_install docker.io
fi
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  # No systemd on these machines: run the daemon in the background.
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; see /var/log/dockerd.log" >&2; exit 1; }
fi

# debootstrap builds the base image for the local substitutes (scripts/local-images.sh).
command -v debootstrap >/dev/null 2>&1 || { log "installing debootstrap"; apt_install debootstrap; }

# Compose v2: bookworm only has the Python v1; trixie's docker-compose .deb carries the v2 binary.
plugin_dir=/usr/local/lib/docker/cli-plugins
if ! docker compose version >/dev/null 2>&1; then
  log "installing the Compose v2 plugin from Debian trixie's docker-compose package"
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  index="$work/Packages"
  curl -fsSL "$mirror/dists/trixie/main/binary-amd64/Packages.xz" | xz -d >"$index"
  deb=$(awk '/^Package: docker-compose$/ {p=1} p && /^Filename:/ {print $2; exit}' "$index")
  curl -fsSL -o "$work/compose.deb" "$mirror/$deb"
  dpkg -x "$work/compose.deb" "$work/x"
  mkdir -p "$plugin_dir"
  install -m 0755 "$work/x/usr/libexec/docker/cli-plugins/docker-compose" "$plugin_dir/docker-compose"
  docker compose version
fi

# Chromium and its driver: the end-to-end browser test drives a real headless browser.
if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  log "installing chromium and chromium-driver"
  apt_install chromium chromium-driver
fi

# testssl.sh: the end-to-end TLS test checks the load balancer's HTTPS with it.
command -v testssl >/dev/null 2>&1 || { log "installing testssl.sh"; apt_install testssl.sh; }

# JDK 25: the build needs it (see Makefile); the default java here is 17.
if ! ls -d /usr/lib/jvm/*25* >/dev/null 2>&1; then
  log "installing a JDK 25"
  apt_install openjdk-25-jdk-headless 2>/dev/null || {
    echo "no JDK 25 package found; install one under /usr/lib/jvm" >&2; exit 1; }
fi
log "machine ready"
