#!/usr/bin/env bash
# Self-contained Prosody and ejabberd for tests and the demo: configs from test/servers/, data under
# $XMPP_CHAT_RUN_DIR (default /tmp/xmpp-chat-servers), loopback-only fixed ports, stopped by PID.
#
#   scripts/servers.sh install                      install missing system packages (Debian/Ubuntu), and
#                                                   unpack the newest pair from Debian 12's backports
#   scripts/servers.sh start|stop [server]          server: prosody, ejabberd (Debian 12's own versions),
#                                                   prosody13, ejabberd24 (the backports' Prosody 13 and
#                                                   ejabberd 24.12), cluster-a, cluster-b (two nodes of
#                                                   Debian's ejabberd, B joined to A), current (the first
#                                                   two), newest (the next two), cluster (A and B) or all
#                                                   (default); a node of the cluster stops and starts alone
#   scripts/servers.sh restart [server]             stop and start again, keeping accounts and data
#   scripts/servers.sh freeze|thaw [server]         SIGSTOP / SIGCONT: a stalled server, links left open
#   scripts/servers.sh kill [server]                SIGKILL: a crash (start-kept brings it back)
#   scripts/servers.sh start-kept [server]          start on the data of the last run
#   scripts/servers.sh status [server]              exits non-zero unless every named server runs
#   scripts/servers.sh accounts [server]            (re)creates the test accounts
#   scripts/servers.sh sessions server user         the user's sessions on that server, one resource a line
#
# Test accounts on "localhost": alice, bob, carol, dave, support, crowd (2,000 contacts on Prosody 0.12);
# password "pass-<name>".
# Each start begins from empty data, so every run gets fresh accounts and archives.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN="${XMPP_CHAT_RUN_DIR:-/tmp/xmpp-chat-servers}"
ACCOUNTS=(alice bob carol dave support crowd)
ALL=(prosody ejabberd prosody13 ejabberd24 cluster-a cluster-b)
declare -A PORTS=([prosody]="15222 15280" [ejabberd]="25222 25280" [prosody13]="35222 35280" [ejabberd24]="45222 45280"
  [cluster-a]="55222 55280" [cluster-b]="56222 56280")
declare -A KIND=([prosody]=prosody [ejabberd]=ejabberd [prosody13]=prosody [ejabberd24]=ejabberd [cluster-a]=ejabberd [cluster-b]=ejabberd)
# The cluster's nodes share the Erlang cookie of the ejabberd user (both run as that user) and its Mnesia
# tables: cluster-b joins cluster-a when it starts afresh, so accounts, rosters, archives and PEP are common.
declare -A NODE=([ejabberd]="xmppchat@localhost" [ejabberd24]="xmppchat24@localhost"
  [cluster-a]="xmppchat-a@localhost" [cluster-b]="xmppchat-b@localhost")
# The newest pair runs from Debian 12's backports packages, unpacked (not installed) under $UNPACKED.
UNPACKED="${XMPP_CHAT_UNPACKED_DIR:-/var/tmp/xmpp-chat-servers}" # readable by the ejabberd and prosody users
BACKPORTS=(prosody prosody-modules ejabberd erlang-jose erlang-p1-acme erlang-p1-cache-tab erlang-p1-eimp
  erlang-p1-mqtree erlang-p1-pkix erlang-p1-stringprep erlang-p1-stun erlang-p1-tls erlang-p1-utils erlang-p1-xml
  erlang-p1-xmpp erlang-p1-yaml erlang-p1-yconf erlang-p1-zlib)

say() { printf 'servers: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# The newer servers' ports lie in Linux's range for outgoing connections (32768-60999): a connection
# on loopback (Erlang's to epmd, a test's) can hold one just as a server starts, which then cannot
# listen. Reserved, they are never given out that way (as root; elsewhere a start may, rarely, fail).
reserve_ports() {
  local file=/proc/sys/net/ipv4/ip_local_reserved_ports ours
  [ -w "$file" ] || return 0
  ours=$(printf '%s\n' "${PORTS[@]}" | tr ' ' '\n' | awk '$1 >= 32768' | sort -un | paste -sd, -)
  [ -n "$ours" ] || return 0
  local now; now=$(cat "$file")
  echo "${now:+$now,}$ours" > "$file" 2>/dev/null || echo "servers: could not reserve ports $ours (a start may fail if one is in use)" >&2
}
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
  # The OMEMO test peer (test/runner/omemo-peer.py): python-omemo with both backends; their XML helpers need xmlschema.
  for module in omemo oldmemo twomemo xmlschema; do /usr/bin/python3 -c "import $module" 2>/dev/null || missing+=("python3-$module"); done
  for pkg in lua-unbound lua-event lua-bitop lua5.4; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && { say "prosody, ejabberd, chromium, python3-slixmpp and python-omemo are installed"; install_newest; return; }
  command -v apt-get >/dev/null || die "please install ${missing[*]} (this script knows only Debian/Ubuntu's apt-get)"
  [ "$(id -u)" = 0 ] || command -v sudo >/dev/null || die "installing ${missing[*]} needs root or sudo"
  # Keep the packages from starting system-wide servers on the default ports.
  local guard=/usr/sbin/policy-rc.d added_guard=0
  if [ ! -e $guard ]; then printf '#!/bin/sh\nexit 101\n' | as_root tee $guard >/dev/null; as_root chmod +x $guard; added_guard=1; fi
  say "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  [ $added_guard = 0 ] || as_root rm -f $guard
  install_newest
}

# Prosody 13 and ejabberd 24.12 from Debian 12's backports, unpacked under $UNPACKED so that they run beside
# the installed pair. Their libraries come from Debian 12 itself (Lua 5.4 modules, Erlang 25); ejabberd's
# newer Erlang libraries come from the backports too, found first through ERL_LIBS.
install_newest() {
  local versions="prosody=13.0.1 ejabberd=24.12"
  [ "$(cat "$UNPACKED/installed" 2>/dev/null)" = "$versions" ] && { say "prosody 13 and ejabberd 24.12 are unpacked in $UNPACKED"; return; }
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || die "the newest servers are unpacked from Debian 12's backports: apt-get and dpkg-deb are needed"
  local apt="$UNPACKED/apt" debs="$UNPACKED/debs"
  rm -rf "$UNPACKED" && mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$debs" "$UNPACKED/root" "$UNPACKED/community"
  echo "deb http://deb.debian.org/debian bookworm-backports main" > "$apt/sources.list"
  local opts=(-q -o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$apt/lists"
    -o Dir::Cache="$apt/cache" -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)")
  say "downloading ${BACKPORTS[*]} from bookworm-backports"
  apt-get "${opts[@]}" update >/dev/null || die "could not read bookworm-backports' package list"
  (cd "$debs" && apt-get "${opts[@]}" download "${BACKPORTS[@]}" >/dev/null) || die "could not download the backports packages"
  local deb
  for deb in "$debs"/*.deb; do
    case $(basename "$deb") in
      prosody-modules_*) dpkg-deb -x "$deb" "$UNPACKED/community" ;;
      *) dpkg-deb -x "$deb" "$UNPACKED/root" ;;
    esac
  done
  # Only the community modules the test server loads, so that none shadows a core module of the same name.
  mkdir -p "$UNPACKED/prosody-modules"
  for mod in mod_sasl2 mod_sasl2_bind2 mod_sasl2_sm mod_sasl2_fast; do
    cp -r "$UNPACKED/community/usr/lib/prosody/modules/$mod" "$UNPACKED/prosody-modules/"
  done
  rm -rf "$UNPACKED/community" "$apt" "$debs"
  local lib="$UNPACKED/root/usr/lib/prosody"
  for bin in prosody prosodyctl; do
    sed -e "s|^CFG_SOURCEDIR=.*|CFG_SOURCEDIR='$lib';|" -e "s|^CFG_PLUGINDIR=.*|CFG_PLUGINDIR='$lib/modules/';|" \
      "$UNPACKED/root/usr/bin/$bin" > "$UNPACKED/$bin" && chmod +x "$UNPACKED/$bin"
  done
  local multiarch; multiarch=$(dirname "$(ls -d "$UNPACKED"/root/usr/lib/*/ejabberd-24.12)")
  sed -e "s|^ERL_LIBS=.*|ERL_LIBS='$multiarch:$UNPACKED/root/usr/lib/erlang/lib'|" \
    "$UNPACKED/root/usr/sbin/ejabberdctl" > "$UNPACKED/ejabberdctl" && chmod +x "$UNPACKED/ejabberdctl"
  chmod -R a+rX "$UNPACKED"
  echo "$versions" > "$UNPACKED/installed"
  say "unpacked prosody 13 and ejabberd 24.12 in $UNPACKED"
}

need() { command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ] || die "$1 is not installed: run scripts/servers.sh install"; }
# server template output: the run directory and ports of the server; lines marked "#newest: " or "--newest: "
# (Lua) are settings only the newest versions take, "#current: " or "--current: " only the current ones.
render() {
  local ports=(${PORTS[$1]}) version=current; case $1 in *13|*24) version=newest ;; esac
  sed -e "s|@RUN@|$RUN/$1|g" -e "s|@ROOT@|$ROOT|g" -e "s|@C2S_PORT@|${ports[0]}|g" -e "s|@HTTP_PORT@|${ports[1]}|g" \
    -e "s|@UNPACKED@|$UNPACKED|g" -e "s/^\( *\)\(#\|--\)$version: /\1/" "$2" > "$3"
}

prosody_bin() { if [ "$1" = prosody13 ]; then echo "$UNPACKED/$2"; else need "$2"; echo "$2"; fi; }
prosody_cfg() { echo "$RUN/$1/prosody.cfg.lua"; }
start_prosody() { # server fresh: 1 wipes data and creates the accounts, 0 keeps them (restart)
  local server=$1 d="$RUN/$1" bin; bin=$(prosody_bin "$1" prosody)
  [ "$2" = 1 ] && rm -rf "$d"
  # The configuration is rendered at every start (the data is kept on a restart), so it is never stale.
  mkdir -p "$d/data" "$d/certs" "$d/www/.well-known"
  render "$server" "$ROOT/test/servers/prosody/prosody.cfg.lua" "$(prosody_cfg "$server")"
  render "$server" "$ROOT/test/servers/host-meta" "$d/www/.well-known/host-meta"
  render "$server" "$ROOT/test/servers/host-meta.json" "$d/www/.well-known/host-meta.json"
  chown -R prosody:prosody "$d" 2>/dev/null || true
  [ "$2" = 0 ] || accounts_prosody "$server"
  : > "$d/prosody.err"
  setsid "$bin" --config "$(prosody_cfg "$server")" -F >"$d/stdout.log" 2>&1 < /dev/null &
  echo $! > "$d/pid"
  wait_ports "$server" 30 ${PORTS[$server]}
  # A module that did not load leaves a server that runs, but not as configured: that is a failed start.
  if grep -q "Unable to load module" "$d/prosody.err"; then show_log "$server"; stop_one "$server"; die "$server could not load a configured module"; fi
}
accounts_prosody() {
  local ctl; ctl=$(prosody_bin "$1" prosodyctl)
  for name in "${ACCOUNTS[@]}"; do
    "$ctl" --config "$(prosody_cfg "$1")" deluser "$name@localhost" >/dev/null 2>&1 || true
    "$ctl" --config "$(prosody_cfg "$1")" register "$name" localhost "pass-$name" >/dev/null \
      || die "$1: could not create account $name"
  done
  [ "$1" = prosody ] && crowd_roster "$RUN/$1/data/localhost/roster/crowd.dat"
  return 0
}
# The account `crowd` on Prosody 0.12 has 2,000 contacts for the roster speed tests, written as Prosody
# keeps a roster: 2,000 roster sets take it a minute or more (it rewrites the whole roster with each).
crowd_roster() { # file
  mkdir -p "$(dirname "$1")"
  { echo 'return {'; echo '  [false] = { ["pending"] = {}; ["version"] = 2000; };'
    for n in $(seq 0 1999); do
      echo "  [\"contact$n@example.net\"] = { [\"subscription\"] = \"none\"; [\"name\"] = \"Contact $n\"; [\"groups\"] = { [\"Group $((n % 20))\"] = true; }; };"
    done; echo '};'; } > "$1"
  chown -R prosody:prosody "$(dirname "$1")" 2>/dev/null || true
}

ejabberdctl_() { local server=$1 d="$RUN/$1" ctl=ejabberdctl; shift
  [ "$server" = ejabberd24 ] && ctl="$UNPACKED/ejabberdctl"
  "$ctl" --config-dir "$d" --config "$d/ejabberd.yml" --ctl-config "$d/ejabberdctl.cfg" \
    --logs "$d/logs" --spool "$d/spool" --node "${NODE[$server]}" "$@"; }
start_ejabberd() { # server fresh: as for start_prosody
  local server=$1 d="$RUN/$1"
  if [ "$server" = ejabberd24 ]; then [ -x "$UNPACKED/ejabberdctl" ] || die "ejabberd 24.12 is not unpacked: run scripts/servers.sh install"; else need ejabberdctl; fi
  [ "$2" = 1 ] && rm -rf "$d"
  [ "$server" = cluster-b ] && [ "$2" = 1 ] && forget_node cluster-a "$server"
  mkdir -p "$d/logs" "$d/spool" "$d/upload"
  render "$server" "$ROOT/test/servers/ejabberd/ejabberd.yml" "$d/ejabberd.yml"
  render "$server" "$ROOT/test/servers/ejabberd/ejabberdctl.cfg" "$d/ejabberdctl.cfg"
  echo '{lookup, [file, native]}.' > "$d/inetrc"
  chown -R ejabberd:ejabberd "$d" 2>/dev/null || true
  # ejabberdctl returns 0 even when the node fails to start: the ports and the node's status tell.
  ejabberdctl_ "$server" start || true
  local deadline=$((SECONDS + 60)) pid=""
  until [ -n "$pid" ]; do
    # The Erlang VM itself, not the shell or su that started it (their command lines name the node too).
    pid=$(ps -eo pid=,comm=,args= | awk -v node="${NODE[$server]}" '$2 ~ /^beam/ && index($0, node) { print $1; exit }')
    [ -n "$pid" ] || [ $SECONDS -lt $deadline ] || { show_log "$server"; die "$server did not start"; }
    [ -n "$pid" ] || sleep 0.2
  done
  echo "$pid" > "$d/pid"
  wait_ports "$server" 60 ${PORTS[$server]}
  ejabberdctl_ "$server" started >/dev/null 2>&1 || { show_log "$server"; die "$server did not finish starting"; }
  if [ "$server" = cluster-b ] && [ "$2" = 1 ]; then join_cluster "$server" cluster-a; return; fi
  [ "$2" = 0 ] || accounts_ejabberd "$server"
}
# A node started afresh is a new member: the cluster first forgets the one of that name it may remember.
forget_node() { # existing-server server
  running "$1" || return 0
  ejabberdctl_ "$1" list_cluster 2>/dev/null | grep -q "${NODE[$2]}" || return 0
  ejabberdctl_ "$1" leave_cluster "${NODE[$2]}" >/dev/null || die "$1 could not forget $2's old node"
}
# A fresh node joins a running one: its own tables are replaced by copies of the other's (the accounts too).
# On a start-kept the node finds its cluster again by itself, from the schema kept in its spool.
join_cluster() { # server existing-server
  running "$2" || die "$1 joins $2, which is not running: start $2 first"
  ejabberdctl_ "$1" join_cluster "${NODE[$2]}" >/dev/null || { show_log "$1"; die "$1 could not join $2"; }
  ejabberdctl_ "$1" list_cluster | grep -q "${NODE[$2]}" || die "$1 did not join $2"
  wait_ports "$1" 60 ${PORTS[$1]}
  ejabberdctl_ "$1" started >/dev/null 2>&1 || { show_log "$1"; die "$1 did not finish starting after joining $2"; }
}
accounts_ejabberd() { # each ejabberdctl call boots a VM: run them side by side
  local name pids=()
  for name in "${ACCOUNTS[@]}"; do
    { ejabberdctl_ "$1" unregister "$name" localhost >/dev/null 2>&1 || true
      ejabberdctl_ "$1" register "$name" localhost "pass-$name" >/dev/null || die "$1: could not create account $name"; } &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || die "$1: could not create the test accounts"; done
}

stop_one() {
  local server=$1 pid; pid=$(pid_of "$server")
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then rm -f "$RUN/$server/pid"; return; fi
  if [ "${KIND[$server]}" = ejabberd ]; then ejabberdctl_ "$server" stop >/dev/null 2>&1 || kill "$pid"; else kill "$pid"; fi
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then say "$server (pid $pid) did not stop; killing it"; kill -9 "$pid"; fi
  rm -f "$RUN/$server/pid"
}
start_one() { # server fresh
  if running "$1"; then say "$1 already runs (pid $(pid_of "$1"))"; return; fi
  local t=$SECONDS; "start_${KIND[$1]}" "$1" "$2"; say "$1 ready on ports ${PORTS[$1]} (pid $(pid_of "$1"), $((SECONDS - t)) s)"
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
sessions_one() { # server user: the resources the server holds sessions for, hibernating ones included
  running "$1" || die "$1 is not running"
  if [ "${KIND[$1]}" = ejabberd ]; then ejabberdctl_ "$1" user_resources "$2" localhost
  else "$(prosody_bin "$1" prosodyctl)" --config "$(prosody_cfg "$1")" shell \
    '>local t = {} for jid in pairs(prosody.full_sessions) do t[#t + 1] = jid end return table.concat(t, " ")' \
    | { grep -o "$2@localhost/[^ ]*" || true; } | sed 's|^[^/]*/||'
  fi
}
status_one() {
  if running "$1"; then echo "$1: running (pid $(pid_of "$1"), ports ${PORTS[$1]})"; else echo "$1: stopped"; return 1; fi
}

command=${1:-status}; target=${2:-all}
case $target in
  all) servers=("${ALL[@]}") ;; current) servers=(prosody ejabberd) ;; newest) servers=(prosody13 ejabberd24) ;;
  cluster) servers=(cluster-a cluster-b) ;;
  prosody|ejabberd|prosody13|ejabberd24|cluster-a|cluster-b) servers=("$target") ;; *) die "unknown server: $target" ;;
esac
mkdir -p "$RUN"
case $command in
  install) install ;;
  start) reserve_ports; for s in "${servers[@]}"; do start_one "$s" 1; done ;;
  # Last started, first stopped: cluster-a goes down last, so it starts again without waiting for cluster-b.
  stop) for ((i = ${#servers[@]} - 1; i >= 0; i--)); do stop_one "${servers[i]}"; done ;;
  restart) for ((i = ${#servers[@]} - 1; i >= 0; i--)); do stop_one "${servers[i]}"; done
    reserve_ports; for s in "${servers[@]}"; do start_one "$s" 0; done ;;
  start-kept) reserve_ports; for s in "${servers[@]}"; do start_one "$s" 0; done ;;
  freeze) for s in "${servers[@]}"; do signal_one "$s" STOP; done ;;
  thaw) for s in "${servers[@]}"; do signal_one "$s" CONT; done ;;
  kill) for s in "${servers[@]}"; do signal_one "$s" KILL; done ;;
  status) rc=0; for s in "${servers[@]}"; do status_one "$s" || rc=1; done; exit $rc ;;
  sessions) [ -n "${3:-}" ] || die "sessions needs a server and a user"; sessions_one "$target" "$3" ;;
  accounts) for s in "${servers[@]}"; do running "$s" || die "$s is not running"; "accounts_${KIND[$s]}" "$s"; done ;;
  *) die "unknown command: $command (install|start|stop|restart|start-kept|freeze|thaw|kill|status|accounts|sessions)" ;;
esac
