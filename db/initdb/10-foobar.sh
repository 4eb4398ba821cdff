#!/bin/bash
# First-start setup of a www.foobar.com database server, run by the image's init step
# (/docker-entrypoint-initdb.d) while the temporary, network-less server is up.
#   DB_ROLE=primary: the schema and three users: the app (row reads and writes only, plus
#                    reading replication status), the migration user (DDL on the schema, for
#                    Flyway), the replication user (TLS only).
#   DB_ROLE=replica: replicate from the primary by GTID auto-position over TLS, verifying the
#                    primary's certificate; the schema and users arrive that way. Then
#                    super_read_only, in force from the first real start.
# MySQL 9.7 LTS. Secrets come from VAR or from the file named by VAR_FILE.
set -euo pipefail

secret() {
  local var=$1 file_var="${1}_FILE"
  if [ -n "${!file_var:-}" ]; then
    tr -d '\r\n' <"${!file_var}"
  else
    printf '%s' "${!var:?$var or $file_var must be set}"
  fi
}
# Quotes a value as an SQL string literal.
lit() { local v=${1//\\/\\\\}; printf "'%s'" "${v//\'/\'\'}"; }
# A client option file with a user and password (passwords stay off the command line).
login() { local v=${2//\\/\\\\}; printf '[client]\nuser="%s"\npassword="%s"\n' "$1" "${v//\"/\\\"}"; }
# The image's entrypoint exports the root password it set.
sql() { mysql --defaults-extra-file=<(login root "${MYSQL_ROOT_PASSWORD:-}") --protocol=socket "$@"; }

db_name=${DB_NAME:-foobar}
repl_user=${DB_REPLICATION_USER:-foobar_repl}
repl_password=$(secret DB_REPLICATION_PASSWORD)
# The stack's CA (haproxy/certs.sh), put here by db/entrypoint.sh.
tls_ca=/etc/mysql/tls/ca.crt
echo "foobar init: role ${DB_ROLE:?DB_ROLE must be primary or replica}, MySQL $(sql -N -e 'SELECT VERSION()')"
# The public passwords of db/dev-secrets/ (plain `docker compose up`) must stand out in the log.
dev_secrets=()
for var in MYSQL_ROOT_PASSWORD DB_APP_PASSWORD DB_MIGRATION_PASSWORD DB_REPLICATION_PASSWORD; do
  value=$(secret "$var" 2>/dev/null) || continue
  if [[ $value == dev-only-* ]]; then dev_secrets+=("$var"); fi
done
if [ ${#dev_secrets[@]} -gt 0 ]; then
  echo "foobar init: WARNING: ${dev_secrets[*]} are the PUBLIC development passwords from db/dev-secrets/;" \
    "never use them beyond your own machine (\`make up\` generates random ones in .secrets/)" >&2
fi

case "$DB_ROLE" in
primary)
  app_user=${DB_APP_USER:-foobar_app}
  migration_user=${DB_MIGRATION_USER:-foobar_migrator}
  # The app watches the replica with SHOW REPLICA STATUS (REPLICATION CLIENT); it tracks its own
  # GTIDs (session_track_gtids) and waits for them on the replica (WAIT_FOR_EXECUTED_GTID_SET),
  # which need no privilege.
  sql <<SQL
CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER $(lit "$app_user")@'%' IDENTIFIED BY $(lit "$(secret DB_APP_PASSWORD)");
GRANT SELECT, INSERT, UPDATE, DELETE ON \`$db_name\`.* TO $(lit "$app_user")@'%';
GRANT REPLICATION CLIENT ON *.* TO $(lit "$app_user")@'%';
CREATE USER $(lit "$migration_user")@'%' IDENTIFIED BY $(lit "$(secret DB_MIGRATION_PASSWORD)");
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES ON \`$db_name\`.* TO $(lit "$migration_user")@'%';
CREATE USER $(lit "$repl_user")@'%' IDENTIFIED WITH caching_sha2_password BY $(lit "$repl_password") REQUIRE SSL;
GRANT REPLICATION SLAVE ON *.* TO $(lit "$repl_user")@'%';
SQL
  ;;
replica)
  source_host=${DB_SOURCE_HOST:-db-primary}
  source_port=${DB_SOURCE_PORT:-3306}
  [ -s "$tls_ca" ] || { echo "foobar init: $tls_ca is missing (the certs service makes it)" >&2; exit 1; }
  source_sql() {
    mysql --defaults-extra-file=<(login "$repl_user" "$repl_password") -h"$source_host" -P"$source_port" \
      --ssl-mode=VERIFY_IDENTITY --ssl-ca="$tls_ca" "$@"
  }
  # The primary must be up before replication can start (Compose orders this by health); this
  # also proves that TLS to it verifies.
  for i in $(seq 1 120); do
    source_sql -e 'SELECT 1' >/dev/null 2>&1 && break
    [ "$i" -lt 120 ] || { echo "foobar init: primary $source_host:$source_port unreachable over verified TLS" >&2; exit 1; }
    sleep 1
  done
  # This server's own init (the image writes the time zone tables to the binary log) must not
  # leave GTIDs the primary does not have: forget them, then take everything from the primary,
  # whose time zone load simply loads the same tables again.
  # Reconnects every 2 s, without giving up for a day; a heartbeat every second (replica.cnf:
  # replica_net_timeout) shows a stalled link within seconds.
  sql <<SQL
RESET BINARY LOGS AND GTIDS;
CHANGE REPLICATION SOURCE TO SOURCE_HOST=$(lit "$source_host"), SOURCE_PORT=$source_port,
  SOURCE_USER=$(lit "$repl_user"), SOURCE_PASSWORD=$(lit "$repl_password"),
  SOURCE_AUTO_POSITION=1,
  SOURCE_SSL=1, SOURCE_SSL_CA=$(lit "$tls_ca"), SOURCE_SSL_VERIFY_SERVER_CERT=1,
  SOURCE_HEARTBEAT_PERIOD=1, SOURCE_CONNECT_RETRY=2, SOURCE_RETRY_COUNT=43200;
START REPLICA;
SQL
  # Caught up with the primary (the schema and the app's users arrive by replication) before this
  # server reports healthy; then the applier stops cleanly, and the real server starts it again.
  source_gtids=$(source_sql -N -e "SELECT REPLACE(@@GLOBAL.gtid_executed, '\n', '')")
  if [ "$(sql -N -e "SELECT WAIT_FOR_EXECUTED_GTID_SET($(lit "$source_gtids"), 120)")" != 0 ]; then
    echo "foobar init: replication did not catch up with $source_host within 120 s" >&2
    sql -E -e 'SHOW REPLICA STATUS' >&2
    exit 1
  fi
  # Not even administrative users can write here from now on; persisted, so the real server
  # starts with it.
  sql -e 'STOP REPLICA; SET PERSIST super_read_only = ON;'
  ;;
*)
  echo "foobar init: DB_ROLE must be primary or replica, not '$DB_ROLE'" >&2
  exit 1
  ;;
esac
echo "foobar init: done"
