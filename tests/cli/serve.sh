#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# rollout serve, from outside, with curl: the page over HTTPS with the
# certificate it keeps (checked by curl against that file, and its
# fingerprint against openssl's), each file with its Content-Type, HEAD
# and not POST; nothing outside its folders, however asked for (.., %2e%2e,
# %2F, a NUL, encoded or raw, a path from the root, a symbolic link out);
# the same certificate the next time, its key private; a port in use, an
# address not this machine's and a damaged certificate said in one
# sentence each; and SIGTERM ends it at once.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"
command -v curl >/dev/null || fail "curl is not installed (scripts/setup installs it)"
built=$(dirname "$rollout")/web
[[ -f $built/rollout.wasm ]] || { echo "SKIP: the page is not built (no wasm32 toolchain)"; exit 77; }

# A data folder of the test's own: the page (its real index.html and
# module), a file of each type, a secret beside it, and links in and out.
export ROLLOUT_DATA_DIR=$tmp/data XDG_DATA_HOME=$tmp/share
web=$ROLLOUT_DATA_DIR/web
mine=$XDG_DATA_HOME/rollout/routines
mkdir -p "$web/sub" "$mine/audio"
cp "$built/index.html" "$built/rollout.wasm" "$web/"
for f in a.js a.mjs a.json a.png a.flac a.opus a.ogg a.webmanifest; do echo "$f" >"$web/sub/$f"; done
echo secret >"$ROLLOUT_DATA_DIR/secret.txt"
ln -s ../secret.txt "$web/out.html"
ln -s "$ROLLOUT_DATA_DIR/secret.txt" "$mine/out.roll"
ln -s index.html "$web/in.html"
cp "$short" "$mine/mine.roll"
echo take >"$mine/audio/mine.setup.flac"

# serve_start ARGS... — rollout serve in the background ($pid; its output
# in $tmp/serve.out), once it says where: $base is its address.
serve_start() {
    : >"$tmp/serve.out" # not the last one's, read before this one starts
    "$rollout" serve --port 0 "$@" >"$tmp/serve.out" 2>"$tmp/serve.err" </dev/null &
    pid=$!
    wait_line "$tmp/serve.out" '^  https?://127\.0\.0\.1:[0-9]+/$' 10
    base=$(grep -oEm1 'https?://127\.0\.0\.1:[0-9]+' "$tmp/serve.out")
}
# serve_stop — SIGTERM, which must end it within two seconds, cleanly.
serve_stop() {
    kill -TERM "$pid"
    wait_for 2 eval "! kill -0 $pid 2>/dev/null" || fail "serve still running 2 s after SIGTERM"
    local status=0
    wait "$pid" || status=$?
    [[ $status == 0 ]] || fail "serve ended $status after SIGTERM: $(cat "$tmp/serve.err")"
    grep -qx 'Stopped.' "$tmp/serve.out" || fail "serve did not say it stopped: $(tail -2 "$tmp/serve.out")"
}

cert=$XDG_STATE_HOME/rollout/serve-cert.pem
key=$XDG_STATE_HOME/rollout/serve-key.pem
serve_start --bind 127.0.0.1
[[ -f $cert && -f $key ]] || fail "no certificate kept in $XDG_STATE_HOME/rollout"
[[ $(stat -c %a "$key") == 600 ]] || fail "the key's mode is $(stat -c %a "$key"), not 600"
ls "$XDG_STATE_HOME/rollout" | grep -v '^serve-\(cert\|key\)\.pem$' && fail "a temporary file was left"
# The fingerprint said is the certificate's.
want=$(openssl x509 -in "$cert" -noout -fingerprint -sha256 | cut -d= -f2)
grep -qx "  $want" "$tmp/serve.out" || fail "fingerprint $want not said: $(cat "$tmp/serve.out")"
grep -q $'\u2580' "$tmp/serve.out" || fail "no QR code drawn"

# get PATH — "STATUS TYPE" of a GET, the path sent as it is written.
get() {
    curl -s --cacert "$cert" --path-as-is -o "$tmp/body" -w '%{http_code} %{content_type}' "$base$1"
}
expect() { # expect PATH STATUS [TYPE]
    local got
    got=$(get "$1") || true # curl's own failure (a certificate refused) shows as 000
    [[ $got == "$2${3:+ $3}"* ]] || fail "GET $1: '$got', expected $2 ${3:-}"
    [[ $2 != 200 ]] || ! grep -q secret "$tmp/body" || fail "GET $1 served the secret"
}
expect / 200 'text/html; charset=utf-8'
cmp -s "$tmp/body" "$built/index.html" || fail "/ is not index.html"
expect /index.html 200 'text/html; charset=utf-8'
expect /rollout.wasm 200 application/wasm
cmp -s "$tmp/body" "$built/rollout.wasm" || fail "rollout.wasm came back different"
expect /in.html 200 'text/html' # a link that stays inside
expect '/index.html?v=2' 200 'text/html' # a query is no part of the name
while read -r name type; do
    expect "/sub/$name" 200 "$type"
done <<'EOF'
a.js text/javascript
a.mjs text/javascript
a.json application/json
a.png image/png
a.flac audio/flac
a.opus audio/ogg
a.ogg audio/ogg
a.webmanifest application/manifest+json
EOF
expect /my/mine.roll 200 text/plain
expect /my/audio/mine.setup.flac 200 audio/flac
for path in /../secret.txt /sub/../../secret.txt /%2e%2e/secret.txt /%2E%2E/secret.txt \
    /sub/%2e%2e/%2e%2e/secret.txt /..%2Fsecret.txt /sub%2Fa.js /%2e%2e%2fsecret.txt \
    /index.html%00.png /%00 /out.html /my/out.roll /my/../../secret.txt /my/%2e%2e/mine.roll \
    //etc/passwd /sub/ /sub /nothing.html /.hidden '/sub/a.js%' '/sub/a.js%2'; do
    expect "$path" 404
done
expect "/$ROLLOUT_DATA_DIR/secret.txt" 404 # a path from the root

# HEAD: the headers, no body; POST refused.
curl -s --cacert "$cert" -I "$base/rollout.wasm" >"$tmp/head"
grep -q '^HTTP/1.1 200' "$tmp/head" || fail "HEAD: $(cat "$tmp/head")"
grep -qi "^content-length: $(stat -c %s "$built/rollout.wasm")" "$tmp/head" || fail "HEAD: $(cat "$tmp/head")"
got=$(curl -s --cacert "$cert" -X POST -d x -o /dev/null -w '%{http_code}' "$base/index.html")
[[ $got == 405 ]] || fail "POST answered $got"
serve_stop

# The next time: the same certificate. A port in use: one sentence, 7.
serve_start --bind 127.0.0.1
grep -qx "  $want" "$tmp/serve.out" || fail "the kept certificate was not used: $(cat "$tmp/serve.out")"
! grep -q 'new certificate' "$tmp/serve.out" || fail "a new certificate the second time"
port=${base##*:}
expect_exit 7 "$rollout" serve --port "$port" --bind 127.0.0.1
grep -qx "rollout: port $port is in use on 127.0.0.1: choose another with --port." "$tmp/err" ||
    fail "port in use: $(cat "$tmp/err")"
serve_stop
expect_exit 7 "$rollout" serve --port 0 --bind 192.0.2.1 # TEST-NET-1: no machine's here
grep -qx "rollout: 192.0.2.1 is not an address of this machine." "$tmp/err" ||
    fail "a foreign address: $(cat "$tmp/err")"

# A kept certificate that is not one: said, and left as it is.
cp "$cert" "$tmp/cert.pem"
echo 'not a certificate' >"$cert"
expect_exit 7 "$rollout" serve --port 0 --bind 127.0.0.1
grep -q "^rollout: '$cert' holds no certificate" "$tmp/err" || fail "damaged: $(cat "$tmp/err")"
[[ $(cat "$cert") == 'not a certificate' ]] || fail "the damaged certificate was replaced"
mv "$tmp/cert.pem" "$cert"

# A certificate of the person's own is used as it is; one that ends
# within a day is made again.
own() { # own DAYS — a self-signed certificate and key, in serve's place
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=own \
        -addext subjectAltName=IP:127.0.0.1 \
        -days "$1" -keyout "$key" -out "$cert" 2>/dev/null
}
own 30
want=$(openssl x509 -in "$cert" -noout -fingerprint -sha256 | cut -d= -f2)
serve_start --bind 127.0.0.1
grep -qx "  $want" "$tmp/serve.out" || fail "one's own certificate not used: $(cat "$tmp/serve.out")"
expect /index.html 200 text/html
serve_stop
own 1
serve_start --bind 127.0.0.1
grep -q "^A new certificate, kept in $cert (the one kept had expired)\.$" "$tmp/serve.out" ||
    fail "an expiring certificate kept: $(cat "$tmp/serve.out")"
expect /index.html 200 text/html
serve_stop

# Plain HTTP, on this machine; a raw NUL in the request is no file.
serve_start --http # on 127.0.0.1 unless told otherwise
[[ $base == http://* ]] || fail "--http served $base"
expect /rollout.wasm 200 application/wasm
exec 3<>"/dev/tcp/127.0.0.1/${base##*:}"
printf 'GET /index.html\0.png HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
read -r line <&3 || true
exec 3<&-
[[ $line != *' 200 '* ]] || fail "a raw NUL in the path answered: $line"
serve_stop
