#!/usr/bin/env bash
# HTTP benchmark (issue 6, point 4; issue 8, point 5): the real release server on
# SQLite, first on the demo zone, then on the demo plus generated institutions with
# ten yearly versions each. For each: wrk against /healthz (no credentials), /healthz
# with a session cookie, then every path of BENCH_PATHS signed in with each way of
# BENCH_AUTH; prints requests/s, each path's ratio to /healthz of the same server in
# the same run (the median over rounds of /healthz and the path back to back), the
# load average at the end of each path's runs, and the server's peak RSS (VmHWM).
#
#   scripts/bench-http.sh                    # full: 2,000 institutions, 5 rounds of 4 s
#   BENCH_SCALE=small scripts/bench-http.sh  # CI smoke: 200 institutions, 3 rounds of 2 s
#   BENCH_PATHS="/api/v1/institutions/N04 /api/v1/power-items?limit=50" scripts/bench-http.sh
#   BENCH_AUTH=bearer scripts/bench-http.sh  # only the API token (default: "cookie bearer")
#
# Signed in means: `cookie`, the administrator's session (signed in as a browser
# does); `bearer`, an API token (`Authorization: Bearer`) created with
# `zonegov token create` before the server starts, with a rate limit above what
# wrk can send (the limiter still runs on every request). Every path is first
# fetched once and must answer 200; a run with any non-2xx answer fails.
#
# Targets: ratio >= 0.5 on both datasets; peak RSS <= 64 MB on the scaled one.
# Set BENCH_ENFORCE=1 to exit non-zero when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${BENCH_SCALE:-full}
case "$scale" in
  small) extra=200; secs=2; rounds=3 ;;
  full) extra=2000; secs=4; rounds=5 ;;
  *) echo "BENCH_SCALE must be small or full" >&2; exit 2 ;;
esac
# On a machine of 2+ cores the server runs on core 0 and wrk on core 1 (BENCH_PIN=0
# to share all cores): unpinned, wrk and the server fight over the same cores and
# the ratio swings by ±0.2 from run to run on a 2-core machine.
pin=${BENCH_PIN:-1}
if [ "$pin" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
  server_cpu=(taskset -c 0)
  wrk_cpu=(taskset -c 1)
  threads=${BENCH_THREADS:-1}
else
  server_cpu=()
  wrk_cpu=()
  threads=${BENCH_THREADS:-2}
fi
conns=${BENCH_CONNECTIONS:-16}
read -r -a paths <<<"${BENCH_PATHS:-/api/v1/institutions/N04}"
read -r -a auths <<<"${BENCH_AUTH:-cookie bearer}"
for a in "${auths[@]}"; do
  case "$a" in cookie | bearer) ;; *) echo "BENCH_AUTH takes cookie and/or bearer, not $a" >&2; exit 2 ;; esac
done

if ! command -v wrk >/dev/null 2>&1; then
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

cargo build --release -q -p zonegov
bin="${CARGO_TARGET_DIR:-target}/release/zonegov"

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

# Runs wrk; prints requests/s, or fails when any answer was not 2xx/3xx.
bench() {
  local out
  out=$("${wrk_cpu[@]}" wrk -t"$threads" -c"$conns" -d"${secs}s" "$@")
  if grep -q 'Non-2xx or 3xx responses' <<<"$out"; then
    echo "wrk $*: some answers were errors:" >&2
    echo "$out" >&2
    exit 1
  fi
  rps <<<"$out"
}

loadavg() { cut -d' ' -f1 /proc/loadavg; }

run() {
  local name=$1 db="sqlite://$work/$1.db"
  shift
  for dir in "$@"; do
    "$bin" --db "$db" load "$dir" >"$work/load.log" 2>&1 || { head -20 "$work/load.log" >&2; exit 1; }
  done
  # The API token, made the way an administrator does, before the server starts.
  local token=
  if [[ " ${auths[*]} " == *" bearer "* ]]; then
    token=$("$bin" --db "$db" token create --name "bench-http" --role admin --scope all \
      --rate-per-minute 10000000 2>"$work/token.log") || { cat "$work/token.log" >&2; exit 1; }
  fi
  "${server_cpu[@]}" "$bin" --db "$db" serve --bind "127.0.0.1:$port" >"$work/$name.log" 2>&1 &
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
  local h hc
  h=$(bench "$base/healthz")
  hc=$(bench -H "Cookie: $cookie" "$base/healthz")
  printf '%-8s healthz %10s req/s | healthz+cookie %10s req/s | N04 has %s versions\n' "$name" "$h" "$hc" "$versions"
  local path auth header d ratio load
  for path in "${paths[@]}"; do
    for auth in "${auths[@]}"; do
      if [ "$auth" = cookie ]; then header="Cookie: $cookie"; else header="Authorization: Bearer $token"; fi
      python3 - "$base$path" "$header" <<'PY'
import sys, urllib.request
name, value = sys.argv[2].split(": ", 1)
try:
    urllib.request.urlopen(urllib.request.Request(sys.argv[1], headers={name: value}), timeout=30).read()
except urllib.error.HTTPError as e:
    sys.exit(f"{sys.argv[1]}: HTTP {e.code}: {e.read()[:300]!r}")
PY
      # Rounds of /healthz then the path, back to back: a neighbour's burst hits
      # both halves of a round alike, and the median of the rounds' ratios is
      # what is reported (with each round's, to show the spread).
      local ratios=() ds=() r hr
      for ((r = 0; r < rounds; r++)); do
        hr=$(bench "$base/healthz")
        d=$(bench -H "$header" "$base$path")
        ds+=("$d")
        ratios+=("$(python3 -c "print(f'{$d / $hr:.3f}')")")
      done
      load=$(loadavg)
      ratio=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
      d=$(printf '%s\n' "${ds[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
      printf '%-8s %-6s %-50s %10s req/s | ratio to healthz %s (median of %s rounds: %s) | load average %s\n' \
        "$name" "$auth" "$path" "$d" "$ratio" "$rounds" "${ratios[*]}" "$load"
      echo "$name $ratio 0 $auth $path" >>"$work/results"
    done
  done
  local hwm rss
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  printf '%-8s peak RSS %s MB (RSS at end %s MB)\n' "$name" "$((hwm / 1024))" "$((rss / 1024))"
  echo "$name 1 $hwm - -" >>"$work/results"
}

echo "bench-http: scale=$scale (demo + $extra institutions x 10 versions), wrk -t$threads -c$conns -d${secs}s x $rounds rounds, $(nproc) cores, pinned: ${server_cpu[*]:-no} / ${wrk_cpu[*]:-no}, auth: ${auths[*]}, load average before: $(loadavg)"
run demo data/demo
run scaled "$work/extra"

if [ "${BENCH_ENFORCE:-0}" = 1 ]; then
  python3 - "$work/results" <<'PY'
import sys
bad = []
for line in open(sys.argv[1]):
    name, ratio, hwm, auth, path = line.split()
    if float(ratio) < 0.5:
        bad.append(f"{name} {auth} {path}: ratio {ratio} < 0.5")
    if name == "scaled" and int(hwm) > 64 * 1024:
        bad.append(f"{name}: peak RSS {int(hwm) // 1024} MB > 64 MB")
if bad:
    sys.exit("targets missed: " + "; ".join(bad))
print("targets met")
PY
fi
