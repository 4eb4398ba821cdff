#!/usr/bin/env bash
# Creates the stack's database passwords as files in DIR (default .secrets/), one random value
# per file, for Compose secrets. Existing files are kept: the databases were set up with them.
set -euo pipefail
dir=${1:-.secrets}
mkdir -p "$dir"
chmod 700 "$dir"
for name in DB_ROOT_PASSWORD DB_APP_PASSWORD DB_MIGRATION_PASSWORD DB_REPLICATION_PASSWORD; do
  file="$dir/$name"
  [ -s "$file" ] && continue
  # 32 alphanumerics: safe in SQL, shell and JDBC URLs without quoting.
  # (head closing the pipe early is expected, hence || true.)
  value=$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32 || true)
  [ ${#value} -eq 32 ] || { echo "secrets: could not generate $name" >&2; exit 1; }
  printf '%s' "$value" >"$file"
  # Readable inside the containers, whose processes run as non-root users.
  chmod 644 "$file"
  echo "secrets: created $file"
done
