#!/usr/bin/env bash
# Makes a Docker engine answer on this machine: installs docker.io from Debian when no
# engine is present, starts dockerd when it is not running, and — only on machines whose
# root lacks CAP_SYS_RESOURCE (where `docker run --privileged` fails with Docker 20.10) —
# registers the `vmcompat` runtime shim that drops that one capability from the OCI spec
# (container create/run) and from the process spec of `runc exec` (docker exec, which kind
# uses to drive its privileged node containers).
# Test/host setup only: the product never changes the engine's configuration.
set -euo pipefail
log() { printf '[setup-docker] %s\n' "$*" >&2; }

if ! timeout 5 docker info >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null 2>&1; then
    log "installing docker.io from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq docker.io busybox-static jq >/dev/null
  fi
fi
command -v busybox >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null; }
command -v jq >/dev/null 2>&1 || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }

# The shim is needed when root's bounding set lacks CAP_SYS_RESOURCE (bit 24).
needs_shim() {
  local bnd; bnd=$(awk '/^CapBnd:/ {print $2}' /proc/self/status)
  (( (16#$bnd >> 24) & 1 )) && return 1 || return 0
}

shim=/usr/local/libexec/escapekit/runc-vmcompat
if needs_shim; then
  mkdir -p "$(dirname "$shim")"
  cat > "$shim.new" <<'SHIM'
#!/bin/sh
# Removes CAP_SYS_RESOURCE (absent from this machine's bounding set) from the OCI spec of
# `runc create|run --bundle DIR` (DIR/config.json) and from the process of
# `runc exec --process FILE` (docker exec), then runs runc with the same arguments.
drop='with_entries(.value |= map(select(. != "CAP_SYS_RESOURCE")))'
rewrite() { # file jq-filter
  tmp="$1.vmcompat.$$"
  jq "$2" "$1" > "$tmp" && mv "$tmp" "$1" || rm -f "$tmp"
}
bundle=""; process=""; prev=""
for a in "$@"; do
  case "$prev" in --bundle|-b) bundle="$a";; --process|-p) process="$a";; esac
  case "$a" in --bundle=*) bundle="${a#--bundle=}";; --process=*) process="${a#--process=}";; esac
  prev="$a"
done
if [ -n "$bundle" ] && [ -f "$bundle/config.json" ]; then
  rewrite "$bundle/config.json" "if .process.capabilities then .process.capabilities |= $drop else . end"
fi
if [ -n "$process" ] && [ -f "$process" ]; then
  rewrite "$process" "if .capabilities then .capabilities |= $drop else . end"
fi
exec /usr/sbin/runc "$@"
SHIM
  chmod 755 "$shim.new"; mv "$shim.new" "$shim"
  mkdir -p /etc/docker
  [ -s /etc/docker/daemon.json ] || echo '{}' > /etc/docker/daemon.json
  # Merged into the existing configuration: other runtimes (runsc, setup-sandboxes.sh) stay.
  if ! jq -e --arg p "$shim" '.runtimes.vmcompat.path == $p and .["default-runtime"] == "vmcompat"' /etc/docker/daemon.json >/dev/null; then
    log "registering runtime vmcompat (root lacks CAP_SYS_RESOURCE here)"
    jq --arg p "$shim" '.runtimes.vmcompat = {path: $p} | .["default-runtime"] = "vmcompat"' /etc/docker/daemon.json > /etc/docker/daemon.json.new
    mv /etc/docker/daemon.json.new /etc/docker/daemon.json
    # A running engine reloads runtimes on SIGHUP (its containers, and any second engine, stay up).
    if timeout 5 docker info >/dev/null 2>&1; then
      kill -HUP "$(cat /var/run/docker.pid)"
      for _ in $(seq 1 50); do [ "$(docker info --format '{{.DefaultRuntime}}' 2>/dev/null)" = vmcompat ] && break; sleep 0.2; done
    fi
  fi
fi

# dockerd adopts whatever is at /run/containerd/containerd.sock as "the system containerd"
# (it only lstat()s the path) and fails when nothing answers there. /run can outlive the
# processes on these machines, so a socket or symlink left by a stopped containerd (the
# local cluster's, test/cluster/up.sh) must not decide how Docker starts.
STD_SOCK=/run/containerd/containerd.sock
answers() { timeout 5 node -e 'require("net").connect(process.argv[1]).on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$1" 2>/dev/null; }
restore_link=""
if ! timeout 5 docker info >/dev/null 2>&1; then
  if [ -L "$STD_SOCK" ] || [ -S "$STD_SOCK" ]; then
    target=$(readlink "$STD_SOCK" 2>/dev/null || true)
    if [[ "$target" == /run/escapekit-k8s/* ]]; then
      # the local cluster's containerd: Docker keeps its own, the link comes back after
      log "setting aside $STD_SOCK -> $target while dockerd starts its own containerd"
      rm -f "$STD_SOCK"; restore_link=$target
    elif ! answers "$STD_SOCK"; then
      log "removing stale $STD_SOCK (nothing answers there)"
      rm -f "$STD_SOCK"
    fi
  fi
  # dockerd refuses to start while its pid file names any existing process, even a
  # reused pid or a zombie; only a live dockerd may keep it.
  if [ -f /var/run/docker.pid ]; then
    pid=$(cat /var/run/docker.pid 2>/dev/null || true)
    state=$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ] || [ "$state" = Z ]; then
      log "removing stale /var/run/docker.pid (pid ${pid:-?} is not a running dockerd)"
      rm -f /var/run/docker.pid
    fi
  fi
  log "starting dockerd"
  mkdir -p /var/log
  nohup dockerd > /var/log/escapekit-dockerd.log 2>&1 &
  for _ in $(seq 1 150); do timeout 3 docker info >/dev/null 2>&1 && break; sleep 0.2; done
  if [ -n "$restore_link" ] && answers "$restore_link" && [ ! -e "$STD_SOCK" ]; then
    ln -s "$restore_link" "$STD_SOCK"
  fi
fi
timeout 5 docker info >/dev/null 2>&1 || { log "dockerd did not come up; see /var/log/escapekit-dockerd.log"; tail -20 /var/log/escapekit-dockerd.log >&2; exit 1; }
log "docker engine ready: $(docker version --format '{{.Server.Version}}')"
