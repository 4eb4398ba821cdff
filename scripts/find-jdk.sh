#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer, for the build: JAVA_HOME when it is one, else the first
# one under /usr/lib/jvm. Exits 1 with a message on stderr when there is none.
set -uo pipefail
want=${1:-25}

version() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }

for home in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
  v=$(version "$home")
  if [ -n "$v" ] && [ "${v%%.*}" -ge "$want" ] 2>/dev/null; then
    echo "$home"
    exit 0
  fi
done
echo "No JDK $want or newer found (looked at JAVA_HOME and /usr/lib/jvm/*). Install one, for example Temurin $want, or set JAVA_HOME." >&2
exit 1
