#!/bin/sh
# The TLS certificate of www.foobar.com for HAProxy: makes a local CA and a certificate signed by
# it, unless the folder already holds a certificate (a user's own, or one made before).
# Run by Compose's one-shot `certs` service (as root, in the HAProxy image, which has openssl
# through ca-certificates, official image and local substitute alike) before `lb` starts; also
# usable on a host with openssl:  sh haproxy/certs.sh .certs
#
# Files in the folder (CERTS_DIR on the host, default .certs/):
#   www.foobar.com.pem  what HAProxy loads: certificate (+ chain), then the private key, in one file.
#                       Put your own here to use it; nothing is generated then.
#   ca.crt              the local CA's certificate: trust it (curl --cacert .certs/ca.crt ...)
#   ca.key              the local CA's private key (stays here; only used to sign www.foobar.com)
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

if [ -s "$site" ]; then
  echo "certs: using $site ($(openssl x509 -noout -subject -enddate -in "$site" | tr '\n' ' '))"
else
  tmp=$(mktemp -d "$dir/.new.XXXXXX")
  if [ ! -s "$dir/ca.crt" ] || [ ! -s "$dir/ca.key" ]; then
    echo "certs: creating a local CA in $dir/ca.crt"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days_ca" \
      -subj "/O=www.foobar.com local development/CN=www.foobar.com local CA" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$tmp/ca.key" -out "$tmp/ca.crt" 2>/dev/null
    chmod 600 "$tmp/ca.key"; chmod 644 "$tmp/ca.crt"
    mv "$tmp/ca.key" "$dir/ca.key"; mv "$tmp/ca.crt" "$dir/ca.crt"
  fi
  echo "certs: creating $site, signed by the local CA"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/CN=www.foobar.com" -keyout "$tmp/site.key" -out "$tmp/site.csr" 2>/dev/null
  cat >"$tmp/site.ext" <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:www.foobar.com,DNS:foobar.com,DNS:localhost,IP:127.0.0.1
EXT
  openssl x509 -req -in "$tmp/site.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days "$days_site" -sha256 -extfile "$tmp/site.ext" -out "$tmp/site.crt" 2>/dev/null
  cat "$tmp/site.crt" "$tmp/site.key" >"$tmp/site.pem"
  chmod 600 "$tmp/site.pem"
  mv "$tmp/site.pem" "$site"
  rm -rf "$tmp" "$dir/ca.srl"
fi

# HAProxy runs as its own user and reads the key: hand the file to it (by name: the uid differs
# between images). Skipped where that user does not exist, e.g. on a host.
if id "$owner" >/dev/null 2>&1; then
  chown "$owner" "$site"
  chmod 600 "$site"
fi
