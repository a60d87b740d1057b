#!/usr/bin/env bash
# Sandboxed and user-namespaced engines for escapekit's negative controls (idempotent):
#   1. gVisor: installs Debian's runsc and registers it as the Docker runtime `runsc` on the
#      main engine (live reload by SIGHUP: running containers are untouched). The Debian
#      release (2022) runs gVisor's ptrace platform; no KVM platform is configured.
#   2. userns-remap: a second Docker engine with `"userns-remap": "default"` on its own
#      socket, data root, exec root and bridge, sharing the main engine's containerd under
#      its own containerd namespace.
# The last line of output is that second engine's DOCKER_HOST value.
# Test/host setup only: the product never changes an engine's configuration.
set -euo pipefail
log() { printf '[setup-sandboxes] %s\n' "$*" >&2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

timeout 5 docker info >/dev/null 2>&1 || "$HERE/setup-docker.sh"

# ---------------------------------------------------------------- gVisor on the main engine
if ! command -v runsc >/dev/null 2>&1; then
  log "installing runsc (gVisor) from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq runsc >/dev/null
fi
RUNSC=$(command -v runsc)
CONFIG=/etc/docker/daemon.json
mkdir -p /etc/docker
[ -s "$CONFIG" ] || echo '{}' > "$CONFIG"
# --network=none: runsc cannot run with the host network in the root network namespace here.
want=$(jq --arg p "$RUNSC" '.runtimes.runsc = {path: $p, runtimeArgs: ["--network=none"]}' "$CONFIG")
if [ "$(jq -S . "$CONFIG")" != "$(echo "$want" | jq -S .)" ]; then
  log "registering runtime runsc in $CONFIG (reload, no restart)"
  echo "$want" > "$CONFIG.new" && mv "$CONFIG.new" "$CONFIG"
  pkill -HUP -x dockerd
fi
for _ in $(seq 1 50); do docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"' && break; sleep 0.2; done
docker info --format '{{json .Runtimes}}' | grep -q '"runsc"' || { log "runsc is not registered with the main engine"; exit 1; }
log "gVisor: runtime runsc registered ($(runsc --version 2>/dev/null | head -1); platform ptrace)"

# ---------------------------------------------------------------- userns-remap engine
NAME=escapekit-userns
SOCK=/run/$NAME/docker.sock
DATA=/var/lib/$NAME
EXEC=/run/$NAME/exec
BRIDGE=ekuserns0
BRIDGE_CIDR=10.86.0.1/24
UCONFIG=/etc/escapekit/$NAME.json
MAIN_CONTAINERD=/run/docker/containerd/containerd.sock
export DOCKER_HOST_USERNS="unix://$SOCK"

mkdir -p "/run/$NAME" "$DATA" /etc/escapekit
if ! DOCKER_HOST="unix://$SOCK" timeout 5 docker info >/dev/null 2>&1; then
  # Its own bridge: a second engine must never touch the main engine's docker0.
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add "$BRIDGE" type bridge
  ip addr show dev "$BRIDGE" | grep -q "${BRIDGE_CIDR%/*}" || ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  cat > "$UCONFIG" <<JSON
{"userns-remap": "default", "bridge": "$BRIDGE", "iptables": false, "ip-masq": false,
 "runtimes": {"runsc": {"path": "$RUNSC", "runtimeArgs": ["--network=none"]}}}
JSON
  pid=$(cat "/run/$NAME/docker.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]; then rm -f "/run/$NAME/docker.pid"; fi
  log "starting the userns-remap engine on $SOCK"
  nohup dockerd --config-file "$UCONFIG" -H "unix://$SOCK" --data-root "$DATA" --exec-root "$EXEC" \
    --pidfile "/run/$NAME/docker.pid" --containerd "$MAIN_CONTAINERD" \
    --containerd-namespace "$NAME" --containerd-plugins-namespace "$NAME-plugins" \
    > "/var/log/$NAME-dockerd.log" 2>&1 &
  for _ in $(seq 1 150); do DOCKER_HOST="unix://$SOCK" timeout 3 docker info >/dev/null 2>&1 && break; sleep 0.2; done
fi
DOCKER_HOST="unix://$SOCK" timeout 5 docker info >/dev/null 2>&1 || { log "userns engine did not come up; see /var/log/$NAME-dockerd.log"; tail -20 "/var/log/$NAME-dockerd.log" >&2; exit 1; }
DOCKER_HOST="unix://$SOCK" docker info --format '{{json .SecurityOptions}}' | grep -q userns || { log "the second engine does not remap users"; exit 1; }
# The main engine must be untouched by the second one.
ip link show docker0 >/dev/null 2>&1 || { log "docker0 is gone after starting the userns engine"; exit 1; }
timeout 5 docker info >/dev/null 2>&1 || { log "the main engine stopped answering"; exit 1; }
log "userns-remap engine ready ($(awk -F: '$1=="dockremap" {print $2":"$3}' /etc/subuid) subordinate uids)"
echo "unix://$SOCK"
