#!/usr/bin/env bash
# HTTP benchmark (issue 6, point 4): the real release server on SQLite, first on the
# demo zone, then on the demo plus generated institutions with ten yearly versions
# each. For each: wrk against /healthz (no cookie), /healthz with a session cookie,
# and a signed-in GET /api/v1/institutions/N04; prints requests/s, the ratio
# N04 / healthz, and the server's peak RSS (VmHWM).
#
#   scripts/bench-http.sh                    # full: 2,000 institutions, 10 s runs
#   BENCH_SCALE=small scripts/bench-http.sh  # CI smoke: 200 institutions, 3 s runs
#
# Targets: ratio >= 0.5 on both datasets; peak RSS <= 64 MB on the scaled one.
# Set BENCH_ENFORCE=1 to exit non-zero when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${BENCH_SCALE:-full}
case "$scale" in
  small) extra=200; secs=3 ;;
  full) extra=2000; secs=10 ;;
  *) echo "BENCH_SCALE must be small or full" >&2; exit 2 ;;
esac
threads=${BENCH_THREADS:-2}
conns=${BENCH_CONNECTIONS:-16}

if ! command -v wrk >/dev/null 2>&1; then
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

cargo build --release -q -p zonegov
bin=./target/release/zonegov

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export ZONEGOV_ADMIN_USER=bench.admin
ZONEGOV_ADMIN_PASSWORD="Bench#$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
export ZONEGOV_ADMIN_PASSWORD

python3 scripts/gen-bench-dataset.py "$work/extra" "$extra" >/dev/null

# Signs in as the administrator the way a browser does (pre-login CSRF cookie and
# token), prints the session cookie.
sign_in() {
  python3 - "$base" <<'PY'
import os, sys, urllib.parse, urllib.request, http.cookiejar
base = sys.argv[1]
jar = http.cookiejar.CookieJar()
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
opener.open(base + "/login").read()
pre = next(c.value for c in jar if c.name == "zg_pre")
form = urllib.parse.urlencode({"username": os.environ["ZONEGOV_ADMIN_USER"],
                               "password": os.environ["ZONEGOV_ADMIN_PASSWORD"]}).encode()
req = urllib.request.Request(base + "/login", data=form, headers={"x-csrf-token": pre})
try:
    opener.open(req)
except urllib.error.HTTPError as e:
    if e.code != 303:
        sys.exit(f"sign-in failed: HTTP {e.code}")
sid = next((c.value for c in jar if c.name == "zg_sid"), None)
if not sid:
    sys.exit("sign-in failed: no session cookie")
print(f"zg_sid={sid}")
PY
}

rps() { awk '/Requests\/sec:/ {print $2}'; }

run() {
  local name=$1 db="sqlite://$work/$1.db"
  shift
  for dir in "$@"; do
    "$bin" --db "$db" load "$dir" >"$work/load.log" 2>&1 || { head -20 "$work/load.log" >&2; exit 1; }
  done
  "$bin" --db "$db" serve --bind "127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  server=$!
  python3 - "$base" <<'PY'
import sys, time, urllib.request
for _ in range(240):
    try:
        urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=1); sys.exit(0)
    except Exception:
        time.sleep(0.25)
sys.exit("the server did not come up")
PY
  local cookie versions
  cookie=$(sign_in)
  versions=$(python3 -c "
import json, sys, urllib.request
r = urllib.request.Request('$base/api/v1/institutions/N04', headers={'Cookie': '$cookie'})
d = json.load(urllib.request.urlopen(r))
print(len(d['versions']))")
  local h hc d
  h=$(wrk -t"$threads" -c"$conns" -d"${secs}s" "$base/healthz" | rps)
  hc=$(wrk -t"$threads" -c"$conns" -d"${secs}s" -H "Cookie: $cookie" "$base/healthz" | rps)
  d=$(wrk -t"$threads" -c"$conns" -d"${secs}s" -H "Cookie: $cookie" "$base/api/v1/institutions/N04" | rps)
  local hwm rss
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  local ratio
  ratio=$(python3 -c "print(f'{$d / $h:.3f}')")
  printf '%-8s healthz %10s req/s | healthz+cookie %10s req/s | signed-in /api/v1/institutions/N04 (%s versions) %10s req/s | ratio N04/healthz %s | peak RSS %s MB (RSS at end %s MB)\n' \
    "$name" "$h" "$hc" "$versions" "$d" "$ratio" "$((hwm / 1024))" "$((rss / 1024))"
  echo "$name $ratio $hwm" >>"$work/results"
}

echo "bench-http: scale=$scale (demo + $extra institutions x 10 versions), wrk -t$threads -c$conns -d${secs}s, $(nproc) cores"
run demo data/demo
run scaled "$work/extra"

if [ "${BENCH_ENFORCE:-0}" = 1 ]; then
  python3 - "$work/results" <<'PY'
import sys
bad = []
for line in open(sys.argv[1]):
    name, ratio, hwm = line.split()
    if float(ratio) < 0.5:
        bad.append(f"{name}: ratio {ratio} < 0.5")
    if name == "scaled" and int(hwm) > 64 * 1024:
        bad.append(f"{name}: peak RSS {int(hwm) // 1024} MB > 64 MB")
if bad:
    sys.exit("targets missed: " + "; ".join(bad))
print("targets met")
PY
fi
