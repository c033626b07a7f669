#!/bin/sh
# Certificates of the local stack, written once into the "certs" volume: a CA, the controller's internal API
# certificate, the metrics service's API certificate and its client certificate for the controller, in the
# file names each service reads. The aggregator's request-header CA is copied from k3s.
set -eu
apk add --no-cache openssl >/dev/null
out=/certs
if [ ! -f "$out/ca.key" ]; then
  mkdir -p "$out/controller" "$out/metrics-service"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=tide-local-ca \
    -keyout "$out/ca.key" -out "$out/ca.crt" 2>/dev/null
  issue() { # name dir cert key extendedKeyUsage [subjectAltName]
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" -keyout "$2/$4" -out "$2/$1.csr" 2>/dev/null
    printf 'extendedKeyUsage=%s\n%s\n' "$5" "${6:+subjectAltName=$6}" > "$2/$1.ext"
    openssl x509 -req -in "$2/$1.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -days 3650 \
      -extfile "$2/$1.ext" -out "$2/$3" 2>/dev/null
    rm "$2/$1.csr" "$2/$1.ext"
  }
  issue controller "$out/controller" tls.crt tls.key serverAuth DNS:controller,DNS:localhost
  issue metrics-service "$out/metrics-service" tls.crt tls.key serverAuth DNS:metrics-service,DNS:localhost
  issue tide-metrics-service "$out/metrics-service" controller-client.crt controller-client.key clientAuth
  cp "$out/ca.crt" "$out/controller/ca.crt"
  cp "$out/ca.crt" "$out/metrics-service/controller-ca.crt"
fi
cp /k3s/server/tls/request-header-ca.crt "$out/metrics-service/requestheader-client-ca.crt"
# The services run as user 65532; this volume never leaves the local machine.
chmod -R a+rX "$out/controller" "$out/metrics-service"
echo "certificates ready"
