#!/bin/bash
# First-start setup of a www.foobar.com database server, run by the image's init step
# (/docker-entrypoint-initdb.d) while the temporary, network-less server is up.
#   DB_ROLE=primary: the schema and three users: the app (row reads and writes only, plus
#                    reading replication status), the migration user (DDL on the schema, for
#                    Flyway), the replication user.
#   DB_ROLE=replica: replicate from the primary by GTID; the schema and users arrive that way.
# Works on MySQL 8.4 and MariaDB 11.x. Secrets come from VAR or from the file named by VAR_FILE.
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
sql() { mysql --protocol=socket -uroot -p"$MYSQL_ROOT_PASSWORD" "$@"; }

db_name=${DB_NAME:-foobar}
repl_user=${DB_REPLICATION_USER:-foobar_repl}
repl_password=$(secret DB_REPLICATION_PASSWORD)
flavor=$(sql -N -e "SELECT IF(VERSION() LIKE '%MariaDB%', 'mariadb', 'mysql')")
echo "foobar init: role ${DB_ROLE:?DB_ROLE must be primary or replica}, server $flavor"
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
  # The app watches the replica with SHOW REPLICA STATUS; the privilege has a different name on each.
  if [ "$flavor" = mariadb ]; then monitor_privilege='SLAVE MONITOR'; else monitor_privilege='REPLICATION CLIENT'; fi
  sql <<SQL
CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER $(lit "$app_user")@'%' IDENTIFIED BY $(lit "$(secret DB_APP_PASSWORD)");
GRANT SELECT, INSERT, UPDATE, DELETE ON \`$db_name\`.* TO $(lit "$app_user")@'%';
GRANT $monitor_privilege ON *.* TO $(lit "$app_user")@'%';
CREATE USER $(lit "$migration_user")@'%' IDENTIFIED BY $(lit "$(secret DB_MIGRATION_PASSWORD)");
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES ON \`$db_name\`.* TO $(lit "$migration_user")@'%';
CREATE USER $(lit "$repl_user")@'%' IDENTIFIED BY $(lit "$repl_password");
GRANT REPLICATION SLAVE ON *.* TO $(lit "$repl_user")@'%';
SQL
  ;;
replica)
  source_host=${DB_SOURCE_HOST:-db-primary}
  source_port=${DB_SOURCE_PORT:-3306}
  # The primary must be up before replication can start (Compose orders this by health).
  for i in $(seq 1 120); do
    mysql -h"$source_host" -P"$source_port" -u"$repl_user" -p"$repl_password" -e 'SELECT 1' >/dev/null 2>&1 && break
    [ "$i" -lt 120 ] || { echo "foobar init: primary $source_host:$source_port unreachable" >&2; exit 1; }
    sleep 1
  done
  if [ "$flavor" = mariadb ]; then
    sql <<SQL
CHANGE MASTER TO MASTER_HOST=$(lit "$source_host"), MASTER_PORT=$source_port,
  MASTER_USER=$(lit "$repl_user"), MASTER_PASSWORD=$(lit "$repl_password"),
  MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=5;
START SLAVE;
SQL
  else
    sql <<SQL
CHANGE REPLICATION SOURCE TO SOURCE_HOST=$(lit "$source_host"), SOURCE_PORT=$source_port,
  SOURCE_USER=$(lit "$repl_user"), SOURCE_PASSWORD=$(lit "$repl_password"),
  SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1, SOURCE_CONNECT_RETRY=5;
START REPLICA;
-- From the next start on, not even administrative users can write here.
SET PERSIST_ONLY super_read_only = ON;
SQL
  fi
  ;;
*)
  echo "foobar init: DB_ROLE must be primary or replica, not '$DB_ROLE'" >&2
  exit 1
  ;;
esac
echo "foobar init: done"
