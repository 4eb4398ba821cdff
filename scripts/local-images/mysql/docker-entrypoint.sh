#!/bin/bash
# foobar-local/mysql entrypoint: the official mysql:9.7 image's docker-entrypoint.sh contract, on
# Debian's MySQL packages. Modelled on that script (github.com/docker-library/mysql, GPL-2.0):
# same steps, functions and messages. On the first start (empty data dir) it runs
# mysqld --initialize-insecure, starts a temporary server without networking (socket only), loads
# the time zone tables (binary-logged, as in the official image), sets the root password
# (root@localhost, and root@'$MYSQL_ROOT_HOST' unless that is localhost; default '%'), creates
# MYSQL_DATABASE / MYSQL_USER, runs /docker-entrypoint-initdb.d/* and stops that server; then it
# execs the real server as mysql.
set -eo pipefail
shopt -s nullglob

mysql_log() {
	local type="$1"; shift
	local text="$*"; if [ "$#" -eq 0 ]; then text="$(cat)"; fi
	printf '%s [%s] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$type" "$text"
}
mysql_note()  { mysql_log Note "$@"; }
mysql_warn()  { mysql_log Warn "$@" >&2; }
mysql_error() { mysql_log ERROR "$@" >&2; exit 1; }

# usage: file_env VAR [DEFAULT]: VAR or VAR_FILE (the file's content), exported
file_env() {
	local var="$1" fileVar="${1}_FILE" def="${2:-}"
	if [ "${!var:-}" ] && [ "${!fileVar:-}" ]; then
		mysql_error "both $var and $fileVar are set (but are exclusive)"
	fi
	local val="$def"
	if [ "${!var:-}" ]; then
		val="${!var}"
	elif [ "${!fileVar:-}" ]; then
		val="$(< "${!fileVar}")"
	fi
	export "$var"="$val"
	unset "$fileVar"
}

# arguments for a `mysqld --verbose --help` that neither touches nor needs the data folder
_verboseHelpArgs=( --verbose --help --log-bin-index="$(mktemp -u)" )

# Checks the configuration, keeping the server's view of its options for mysql_get_config: one
# `mysqld --verbose --help` (seconds on a small machine) instead of one per option.
mysql_check_config() {
	local toRun=( "$@" "${_verboseHelpArgs[@]}" ) errors
	local out; out="$(mktemp)"
	if ! errors="$("${toRun[@]}" 2>&1 >"$out")"; then
		rm -f "$out"
		mysql_error $'mysqld failed while attempting to check config\n\tcommand was: '"${toRun[*]}"$'\n\t'"$errors"
	fi
	declare -g _serverOptions; _serverOptions="$(<"$out")"; rm -f "$out"
}

# the value of a server option as the server sees it (with the arguments mysql_check_config had)
mysql_get_config() {
	local conf="$1"
	awk -v conf="$conf" '$1 == conf && /^[^ \t]/ { sub(/^[^ \t]+[ \t]+/, ""); print; exit }' <<<"$_serverOptions"
}

docker_setup_env() {
	declare -g DATADIR SOCKET
	DATADIR="$(mysql_get_config 'datadir' "$@")"; DATADIR="${DATADIR%/}"
	SOCKET="$(mysql_get_config 'socket' "$@")"
	file_env 'MYSQL_ROOT_HOST' '%'
	file_env 'MYSQL_DATABASE'
	file_env 'MYSQL_USER'
	file_env 'MYSQL_PASSWORD'
	file_env 'MYSQL_ROOT_PASSWORD'
	declare -g DATABASE_ALREADY_EXISTS=
	if [ -d "$DATADIR/mysql" ]; then DATABASE_ALREADY_EXISTS='true'; fi
}

# the data folder, and the folders of the socket and of the files other options name
docker_create_db_directories() {
	local -A dirs=( ["$DATADIR"]=1 ["$(dirname "$SOCKET")"]=1 )
	local conf dir
	for conf in general-log-file keyring_file_data pid-file secure-file-priv slow-query-log-file; do
		dir="$(mysql_get_config "$conf" "$@")"
		if [ -z "$dir" ] || [ "$dir" = 'NULL' ]; then continue; fi
		# secure-file-priv names a folder, the others a file
		if [ "$conf" != secure-file-priv ]; then dir="$(dirname "$dir")"; fi
		dirs["$dir"]=1
	done
	mkdir -p "${!dirs[@]}"
	if [ "$(id -u)" = 0 ]; then
		find "${!dirs[@]}" \! -user mysql -exec chown --no-dereference mysql '{}' +
	fi
}

docker_verify_minimum_env() {
	if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ] && [ -z "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
		mysql_error $'Database is uninitialized and password option is not specified\n\tYou need to specify one of the following as an environment variable:\n\t- MYSQL_ROOT_PASSWORD\n\t- MYSQL_ALLOW_EMPTY_PASSWORD\n\t- MYSQL_RANDOM_ROOT_PASSWORD'
	fi
	if [ "$MYSQL_USER" = 'root' ]; then
		mysql_error $'MYSQL_USER="root", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user\n\tRemove MYSQL_USER="root" and use one of the following to control the root user password:\n\t- MYSQL_ROOT_PASSWORD\n\t- MYSQL_ALLOW_EMPTY_PASSWORD\n\t- MYSQL_RANDOM_ROOT_PASSWORD'
	fi
	if [ -n "$MYSQL_USER" ] && [ -z "$MYSQL_PASSWORD" ]; then
		mysql_warn 'MYSQL_USER specified, but missing MYSQL_PASSWORD; MYSQL_USER will not be created'
	elif [ -z "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
		mysql_warn 'MYSQL_PASSWORD specified, but missing MYSQL_USER; MYSQL_PASSWORD will be ignored'
	fi
}

docker_init_database_dir() {
	mysql_note "Initializing database files"
	"$@" --initialize-insecure --default-time-zone=SYSTEM
	mysql_note "Database files initialized"
}

# --daemonize returns once the server accepts connections on its socket
docker_temp_server_start() {
	if ! "$@" --daemonize --skip-networking --default-time-zone=SYSTEM --socket="$SOCKET"; then
		mysql_error "Unable to start server."
	fi
}

# over the socket, mysqladmin shutdown returns once the server is gone
docker_temp_server_stop() {
	if ! mysqladmin --defaults-extra-file=<(_mysql_passfile) shutdown --socket="$SOCKET"; then
		mysql_error "Unable to shut down server."
	fi
}

_mysql_passfile() {
	# a client options file with the root password (option-file escaping of \ and ")
	if [ "${1:-}" != 'nopw' ] && [ -n "$MYSQL_ROOT_PASSWORD" ]; then
		local pw="${MYSQL_ROOT_PASSWORD//\\/\\\\}"; pw="${pw//\"/\\\"}"
		printf '[client]\nuser=root\npassword="%s"\n' "$pw"
	fi
}

# usage: docker_process_sql [--dont-use-mysql-root-password] [mysql options], SQL on stdin
docker_process_sql() {
	local pw=''
	if [ "${1:-}" = '--dont-use-mysql-root-password' ]; then pw='nopw'; shift; fi
	if [ -n "$MYSQL_DATABASE" ]; then set -- --database="$MYSQL_DATABASE" "$@"; fi
	mysql --defaults-extra-file=<(_mysql_passfile "$pw") --protocol=socket -uroot -hlocalhost \
		--socket="$SOCKET" --comments "$@"
}

docker_sql_escape_string_literal() {
	local newline=$'\n'
	local escaped=${1//\\/\\\\}
	escaped="${escaped//$newline/\\n}"
	echo "${escaped//\'/\\\'}"
}

docker_setup_db() {
	# binary-logged, as in the official image (a replica that replays it just loads them again)
	if [ -z "${MYSQL_INITDB_SKIP_TZINFO:-}" ]; then
		mysql_tzinfo_to_sql /usr/share/zoneinfo \
			| sed 's/Local time zone must be set--see zic manual page/FCTY/' \
			| MYSQL_DATABASE='' docker_process_sql --dont-use-mysql-root-password --database=mysql
	fi
	if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
		MYSQL_ROOT_PASSWORD="$(openssl rand -base64 24)"
		export MYSQL_ROOT_PASSWORD
		mysql_note "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
	fi
	local rootPw; rootPw="$(docker_sql_escape_string_literal "$MYSQL_ROOT_PASSWORD")"
	local rootCreate=
	if [ -n "$MYSQL_ROOT_HOST" ] && [ "$MYSQL_ROOT_HOST" != 'localhost' ]; then
		rootCreate="CREATE USER 'root'@'${MYSQL_ROOT_HOST}' IDENTIFIED BY '${rootPw}' ;
			GRANT ALL ON *.* TO 'root'@'${MYSQL_ROOT_HOST}' WITH GRANT OPTION ;"
	fi
	MYSQL_DATABASE='' docker_process_sql --dont-use-mysql-root-password --database=mysql <<-EOSQL
		SET autocommit = 1;
		-- What's done here is not replicated (as in the official image)
		SET @@SESSION.SQL_LOG_BIN=0;
		ALTER USER 'root'@'localhost' IDENTIFIED BY '${rootPw}' ;
		GRANT ALL ON *.* TO 'root'@'localhost' WITH GRANT OPTION ;
		FLUSH PRIVILEGES ;
		${rootCreate}
		DROP DATABASE IF EXISTS test ;
	EOSQL

	# as in the official image, the database and user are created outside the SQL_LOG_BIN=0 block
	if [ -n "$MYSQL_DATABASE" ]; then
		mysql_note "Creating database ${MYSQL_DATABASE}"
		MYSQL_DATABASE='' docker_process_sql --database=mysql <<<"CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\` ;"
	fi
	if [ -n "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
		mysql_note "Creating user ${MYSQL_USER}"
		local userPw; userPw="$(docker_sql_escape_string_literal "$MYSQL_PASSWORD")"
		MYSQL_DATABASE='' docker_process_sql --database=mysql <<<"CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '$userPw' ;"
		if [ -n "$MYSQL_DATABASE" ]; then
			mysql_note "Giving user ${MYSQL_USER} access to schema ${MYSQL_DATABASE}"
			MYSQL_DATABASE='' docker_process_sql --database=mysql <<<"GRANT ALL ON \`${MYSQL_DATABASE//_/\\_}\`.* TO '$MYSQL_USER'@'%' ;"
		fi
	fi
}

# MYSQL_ONETIME_PASSWORD: root must choose a new password at its first login
mysql_expire_root_user() {
	if [ -n "${MYSQL_ONETIME_PASSWORD:-}" ]; then
		MYSQL_DATABASE='' docker_process_sql --database=mysql <<<"ALTER USER 'root'@'%' PASSWORD EXPIRE;"
	fi
}

# usage: docker_process_init_files FILE...; .sh run (if executable) or sourced, .sql[.gz|.xz|.zst] piped
docker_process_init_files() {
	local f
	for f; do
		case "$f" in
			*.sh)
				if [ -x "$f" ]; then
					mysql_note "$0: running $f"; "$f"
				else
					mysql_note "$0: sourcing $f"; . "$f"
				fi ;;
			*.sql)     mysql_note "$0: running $f"; docker_process_sql < "$f"; echo ;;
			*.sql.gz)  mysql_note "$0: running $f"; gunzip -c "$f" | docker_process_sql; echo ;;
			*.sql.xz)  mysql_note "$0: running $f"; xzcat "$f" | docker_process_sql; echo ;;
			*.sql.zst) mysql_note "$0: running $f"; zstd -dc "$f" | docker_process_sql; echo ;;
			*)         mysql_warn "$0: ignoring $f" ;;
		esac
		echo
	done
}

_main() {
	# `--option` arguments go to the server
	if [ "${1:0:1}" = '-' ]; then set -- mysqld "$@"; fi

	if [ "$1" = mysqld ] && ! _mysql_want_help "$@"; then
		mysql_note "Entrypoint script for MySQL Server $(mysqld --version | awk '{print $3}') (Debian packages, substitute for mysql:9.7) started."
		mysql_check_config "$@"
		docker_setup_env "$@"
		docker_create_db_directories "$@"

		# as root: fix ownership, then run this script again as mysql
		if [ "$(id -u)" = "0" ]; then
			mysql_note "Switching to dedicated user 'mysql'"
			exec gosu mysql "${BASH_SOURCE[0]}" "$@"
		fi

		if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
			docker_verify_minimum_env
			ls /docker-entrypoint-initdb.d/ >/dev/null   # fail early on an unreadable init dir
			docker_init_database_dir "$@"
			mysql_note "Starting temporary server"
			docker_temp_server_start "$@"
			mysql_note "Temporary server started."
			docker_setup_db
			docker_process_init_files /docker-entrypoint-initdb.d/*
			mysql_expire_root_user
			mysql_note "Stopping temporary server"
			docker_temp_server_stop
			mysql_note "Temporary server stopped"
			echo
			mysql_note "MySQL init process done. Ready for start up."
			echo
		else
			mysql_note "Database files already exist in $DATADIR; skipping initialization"
		fi
	fi
	exec "$@"
}

_mysql_want_help() {
	local arg
	for arg; do
		case "$arg" in -'?'|--help|--print-defaults|-V|--version) return 0 ;; esac
	done
	return 1
}

# sourced by tests? then define functions only
if ! (return 0 2>/dev/null); then
	_main "$@"
fi
