#!/bin/sh
# Entrypoint of the database containers: hands the TLS files to the server, then runs the image's
# own docker-entrypoint.sh (official mysql:9.7 image and local substitute alike).
#
# mysqld runs as the image's mysql user (uid 999) and must read its private key, which the certs
# service left in CERTS_DIR owned by root, mode 600. Rather than chown files on the host to a
# container's uid (or make the key readable to all), the container copies them at each start,
# as root, into a folder of its own that only mysql can read: the key never leaves the container's
# filesystem with other permissions, and a renewed certificate is picked up on restart.
#   in:  /run/foobar-tls/  (CERTS_DIR/db-primary/ or db-replica/, read-only; haproxy/certs.sh):
#        ca.crt, and on the primary db-primary.crt and db-primary.key
#   out: /etc/mysql/tls/   (mysql:mysql, 0700; the files 0600)
set -eu
src=/run/foobar-tls
dst=/etc/mysql/tls
if [ "$(id -u)" = 0 ] && [ -d "$src" ]; then
  mkdir -p "$dst"
  cp -R "$src"/. "$dst"/
  chown -R mysql:mysql "$dst"
  chmod 0700 "$dst"
  find "$dst" -type f -exec chmod 0600 {} +
fi
exec docker-entrypoint.sh "$@"
