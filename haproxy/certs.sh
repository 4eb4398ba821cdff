#!/bin/sh
# The stack's TLS certificates: www.foobar.com for HAProxy, and db-primary for the database
# replication channel, each signed by a local CA made here, unless the folder already holds it (a
# user's own, or one made before).
# Run by Compose's one-shot `certs` service (as root, in the HAProxy image, which has openssl
# through ca-certificates, official image and local substitute alike) before `lb` and the
# databases start; also usable on a host with openssl:  sh haproxy/certs.sh .certs
#
# Files in the folder (CERTS_DIR on the host, default .certs/):
#   www.foobar.com.pem  what HAProxy loads: certificate (+ chain), then the private key, in one file.
#                       Put your own here to use it; nothing is generated then.
#   ca.crt              the local CA's certificate: trust it (curl --cacert .certs/ca.crt ...);
#                       the replica checks db-primary's certificate against it.
#   ca.key              the local CA's private key (stays here; only used to sign)
#   db-primary/         what db-primary mounts: its certificate and key (db-primary.crt, .key;
#                       signed by the local CA even where www.foobar.com.pem is your own), ca.crt
#   db-replica/         what db-replica mounts: ca.crt, to verify db-primary
set -eu

dir=${1:-/certs}
site="$dir/www.foobar.com.pem"
owner=${CERT_OWNER:-haproxy}
days_ca=3650
days_site=397   # what browsers accept for a server certificate

mkdir -p "$dir"

# One run at a time (two Compose projects may share the folder): a lock directory, taken over
# when older than a minute (a killed run).
lock="$dir/.lock"
tries=0
until mkdir "$lock" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 60 ]; then rmdir "$lock" 2>/dev/null || true; tries=0; fi
  sleep 1
done
trap 'rmdir "$lock"' EXIT

# The local CA, made once.
ensure_ca() {
  [ -s "$dir/ca.crt" ] && [ -s "$dir/ca.key" ] && return 0
  echo "certs: creating a local CA in $dir/ca.crt"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days_ca" \
    -subj "/O=www.foobar.com local development/CN=www.foobar.com local CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$tmp/ca.key" -out "$tmp/ca.crt" 2>/dev/null
  chmod 600 "$tmp/ca.key"; chmod 644 "$tmp/ca.crt"
  mv "$tmp/ca.key" "$dir/ca.key"; mv "$tmp/ca.crt" "$dir/ca.crt"
}

# usage: sign NAME SUBJECT_ALT_NAMES: a server key and certificate in $tmp/NAME.key, $tmp/NAME.crt
sign() {
  ensure_ca
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/CN=$1" -keyout "$tmp/$1.key" -out "$tmp/$1.csr" 2>/dev/null
  cat >"$tmp/$1.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$2
EXT
  openssl x509 -req -in "$tmp/$1.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days "$days_site" -sha256 -extfile "$tmp/$1.ext" -out "$tmp/$1.crt" 2>/dev/null
  chmod 600 "$tmp/$1.key"
  rm -f "$dir/ca.srl"
}

tmp=$(mktemp -d "$dir/.new.XXXXXX")
trap 'rm -rf "$tmp"; rmdir "$lock"' EXIT

if [ -s "$site" ]; then
  echo "certs: using $site ($(openssl x509 -noout -subject -enddate -in "$site" | tr '\n' ' '))"
else
  echo "certs: creating $site, signed by the local CA"
  sign www.foobar.com DNS:www.foobar.com,DNS:foobar.com,DNS:localhost,IP:127.0.0.1
  cat "$tmp/www.foobar.com.crt" "$tmp/www.foobar.com.key" >"$tmp/site.pem"
  chmod 600 "$tmp/site.pem"
  mv "$tmp/site.pem" "$site"
fi

# The replica connects to db-primary by that name and verifies it against the CA. Each database
# mounts only its own folder. The key stays root's, mode 600: the database container copies it for
# its own user at start (db/entrypoint.sh). Made again when the CA changed.
db="$dir/db-primary"
if openssl verify -CAfile "$dir/ca.crt" "$db/db-primary.crt" >/dev/null 2>&1 && [ -s "$db/db-primary.key" ]; then
  echo "certs: using $db/db-primary.crt"
else
  echo "certs: creating $db/db-primary.crt, signed by the local CA"
  sign db-primary DNS:db-primary
  mkdir -p "$db"
  chmod 644 "$tmp/db-primary.crt"
  mv "$tmp/db-primary.key" "$db/db-primary.key"
  mv "$tmp/db-primary.crt" "$db/db-primary.crt"
fi
for d in db-primary db-replica; do
  mkdir -p "$dir/$d"
  cmp -s "$dir/ca.crt" "$dir/$d/ca.crt" || cp "$dir/ca.crt" "$dir/$d/ca.crt"
done

# HAProxy runs as its own user and reads the key: hand the file to it (by name: the uid differs
# between images). Skipped where that user does not exist, e.g. on a host.
if id "$owner" >/dev/null 2>&1; then
  chown "$owner" "$site"
  chmod 600 "$site"
fi
