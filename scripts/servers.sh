#!/usr/bin/env bash
# Self-contained Prosody and ejabberd for tests and the demo: configs from test/servers/, data under
# $XMPP_CHAT_RUN_DIR (default /tmp/xmpp-chat-servers), loopback-only fixed ports, stopped by PID.
#
#   scripts/servers.sh install                      install missing system packages (Debian/Ubuntu)
#   scripts/servers.sh start|stop [server]          server: prosody, ejabberd or all (default)
#   scripts/servers.sh restart [server]             stop and start again, keeping accounts and data
#   scripts/servers.sh freeze|thaw [server]         SIGSTOP / SIGCONT: a stalled server, links left open
#   scripts/servers.sh kill [server]                SIGKILL: a crash (start-kept brings it back)
#   scripts/servers.sh start-kept [server]          start on the data of the last run
#   scripts/servers.sh status [server]              exits non-zero unless every named server runs
#   scripts/servers.sh accounts [server]            (re)creates the test accounts
#
# Test accounts on "localhost": alice, bob, carol, dave, support; password "pass-<name>".
# Each start begins from empty data, so every run gets fresh accounts and archives.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN="${XMPP_CHAT_RUN_DIR:-/tmp/xmpp-chat-servers}"
ACCOUNTS=(alice bob carol dave support)
EJABBERD_NODE="xmppchat@localhost"
declare -A PORTS=([prosody]="15222 15280" [ejabberd]="25222 25280")

say() { printf 'servers: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_ports() { # server timeout_s ports...
  local server=$1 deadline=$((SECONDS + $2)); shift 2
  for port in "$@"; do
    until port_open "$port"; do
      [ $SECONDS -lt $deadline ] || { show_log "$server"; die "$server did not open port $port in time"; }
      running "$server" || { show_log "$server"; die "$server exited during start-up"; }
      sleep 0.1
    done
  done
}
show_log() { local f; for f in "$RUN/$1"/*.log "$RUN/$1"/*.err "$RUN/$1"/logs/*.log; do [ -s "$f" ] && tail -n 30 "$f" >&2; done; return 0; }
pid_of() { cat "$RUN/$1/pid" 2>/dev/null || true; }
running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

install() {
  local missing=()
  command -v prosody >/dev/null || missing+=(prosody)
  command -v ejabberdctl >/dev/null || [ -x /usr/sbin/ejabberdctl ] || missing+=(ejabberd)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  /usr/bin/python3 -c 'import slixmpp' 2>/dev/null || missing+=(python3-slixmpp)
  for pkg in lua-unbound lua-event; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && { say "prosody, ejabberd, chromium and python3-slixmpp are installed"; return; }
  command -v apt-get >/dev/null || die "please install ${missing[*]} (this script knows only Debian/Ubuntu's apt-get)"
  [ "$(id -u)" = 0 ] || command -v sudo >/dev/null || die "installing ${missing[*]} needs root or sudo"
  # Keep the packages from starting system-wide servers on the default ports.
  local guard=/usr/sbin/policy-rc.d added_guard=0
  if [ ! -e $guard ]; then printf '#!/bin/sh\nexit 101\n' | as_root tee $guard >/dev/null; as_root chmod +x $guard; added_guard=1; fi
  say "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  [ $added_guard = 0 ] || as_root rm -f $guard
}

need() { command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ] || die "$1 is not installed: run scripts/servers.sh install"; }
render() { sed -e "s|@RUN@|$RUN|g" -e "s|@ROOT@|$ROOT|g" "$1" > "$2"; }

prosody_cfg() { echo "$RUN/prosody/prosody.cfg.lua"; }
start_prosody() { # fresh: 1 wipes data and creates the accounts, 0 keeps them (restart)
  need prosody
  if [ "$1" = 1 ]; then
    rm -rf "$RUN/prosody" && mkdir -p "$RUN/prosody/data" "$RUN/prosody/certs"
    render "$ROOT/test/servers/prosody/prosody.cfg.lua" "$(prosody_cfg)"
    chown -R prosody:prosody "$RUN/prosody" 2>/dev/null || true
    accounts_prosody
  fi
  setsid prosody --config "$(prosody_cfg)" -F >"$RUN/prosody/stdout.log" 2>&1 < /dev/null &
  echo $! > "$RUN/prosody/pid"
  wait_ports prosody 30 ${PORTS[prosody]}
}
accounts_prosody() {
  for name in "${ACCOUNTS[@]}"; do
    prosodyctl --config "$(prosody_cfg)" deluser "$name@localhost" >/dev/null 2>&1 || true
    prosodyctl --config "$(prosody_cfg)" register "$name" localhost "pass-$name" >/dev/null \
      || die "prosody: could not create account $name"
  done
}

ejabberdctl_() { local d="$RUN/ejabberd"
  ejabberdctl --config-dir "$d" --config "$d/ejabberd.yml" --ctl-config "$d/ejabberdctl.cfg" \
    --logs "$d/logs" --spool "$d/spool" --node "$EJABBERD_NODE" "$@"; }
start_ejabberd() { # fresh: as for start_prosody
  need ejabberdctl
  local d="$RUN/ejabberd"
  if [ "$1" = 1 ]; then
    rm -rf "$d" && mkdir -p "$d/logs" "$d/spool" "$d/upload"
    render "$ROOT/test/servers/ejabberd/ejabberd.yml" "$d/ejabberd.yml"
    render "$ROOT/test/servers/ejabberd/ejabberdctl.cfg" "$d/ejabberdctl.cfg"
    echo '{lookup, [file, native]}.' > "$d/inetrc"
    chown -R ejabberd:ejabberd "$d" 2>/dev/null || true
  fi
  # ejabberdctl returns 0 even when the node fails to start: the ports and the node's status tell.
  ejabberdctl_ start || true
  local deadline=$((SECONDS + 60)) pid=""
  until [ -n "$pid" ]; do
    # The Erlang VM itself, not the shell or su that started it (their command lines name the node too).
    pid=$(ps -eo pid=,comm=,args= | awk -v node="$EJABBERD_NODE" '$2 ~ /^beam/ && index($0, node) { print $1; exit }')
    [ -n "$pid" ] || [ $SECONDS -lt $deadline ] || { show_log ejabberd; die "ejabberd did not start"; }
    [ -n "$pid" ] || sleep 0.2
  done
  echo "$pid" > "$d/pid"
  wait_ports ejabberd 60 ${PORTS[ejabberd]}
  ejabberdctl_ started >/dev/null 2>&1 || { show_log ejabberd; die "ejabberd did not finish starting"; }
  [ "$1" = 0 ] || accounts_ejabberd
}
accounts_ejabberd() { # each ejabberdctl call boots a VM: run them side by side
  local name pids=()
  for name in "${ACCOUNTS[@]}"; do
    { ejabberdctl_ unregister "$name" localhost >/dev/null 2>&1 || true
      ejabberdctl_ register "$name" localhost "pass-$name" >/dev/null || die "ejabberd: could not create account $name"; } &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || die "ejabberd: could not create the test accounts"; done
}

stop_one() {
  local server=$1 pid; pid=$(pid_of "$server")
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then rm -f "$RUN/$server/pid"; return; fi
  if [ "$server" = ejabberd ]; then ejabberdctl_ stop >/dev/null 2>&1 || kill "$pid"; else kill "$pid"; fi
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then say "$server (pid $pid) did not stop; killing it"; kill -9 "$pid"; fi
  rm -f "$RUN/$server/pid"
}
start_one() { # server fresh
  if running "$1"; then say "$1 already runs (pid $(pid_of "$1"))"; return; fi
  local t=$SECONDS; "start_$1" "$2"; say "$1 ready on ports ${PORTS[$1]} (pid $(pid_of "$1"), $((SECONDS - t)) s)"
}
signal_one() { # server signal
  local pid; pid=$(pid_of "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || die "$1 is not running"
  kill "-$2" "$pid"
  if [ "$2" = KILL ]; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    rm -f "$RUN/$1/pid"
  fi
}
status_one() {
  if running "$1"; then echo "$1: running (pid $(pid_of "$1"), ports ${PORTS[$1]})"; else echo "$1: stopped"; return 1; fi
}

command=${1:-status}; target=${2:-all}
case $target in all) servers=(prosody ejabberd) ;; prosody|ejabberd) servers=("$target") ;; *) die "unknown server: $target" ;; esac
mkdir -p "$RUN"
case $command in
  install) install ;;
  start) for s in "${servers[@]}"; do start_one "$s" 1; done ;;
  stop) for s in "${servers[@]}"; do stop_one "$s"; done ;;
  restart) for s in "${servers[@]}"; do stop_one "$s"; start_one "$s" 0; done ;;
  start-kept) for s in "${servers[@]}"; do start_one "$s" 0; done ;;
  freeze) for s in "${servers[@]}"; do signal_one "$s" STOP; done ;;
  thaw) for s in "${servers[@]}"; do signal_one "$s" CONT; done ;;
  kill) for s in "${servers[@]}"; do signal_one "$s" KILL; done ;;
  status) rc=0; for s in "${servers[@]}"; do status_one "$s" || rc=1; done; exit $rc ;;
  accounts) for s in "${servers[@]}"; do running "$s" || die "$s is not running"; "accounts_$s"; done ;;
  *) die "unknown command: $command (install|start|stop|restart|start-kept|freeze|thaw|kill|status|accounts)" ;;
esac
