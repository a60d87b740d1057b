#!/usr/bin/env bash
# Stop the local Kubernetes cluster started by up.sh and clean up after it:
# pods/containers, kubelet mounts, pod network namespaces, iptables chains,
# the node interface, etcd data (the next up.sh starts from an empty cluster).
# Kept: binaries cache, certificates + admin kubeconfig, images in the
# cluster's containerd store (so load-image.sh imports survive).
# Usage: down.sh [--purge]   --purge also removes certificates, kubeconfig and
#                             the containerd image store (binaries stay cached).
set -uo pipefail
T0=${T0:-$SECONDS}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
PURGE=0
[ "${1:-}" = --purge ] && PURGE=1

[ "$(id -u)" = 0 ] || { echo "down.sh: must run as root" >&2; exit 1; }
take_lock
mkdir -p "$K8S_RUN"

# 1. kubelet first, so it does not restart what we remove.
stop_comp kubelet 20

# 2. pods and containers through CRI (runs CNI DEL, frees pod IPs).
if comp_pid containerd >/dev/null && [ -x "$K8S_BIN/crictl" ]; then
  crictl_k8s rm -af >/dev/null 2>&1 || true
  crictl_k8s rmp -af >/dev/null 2>&1 || true
  left=$(crictl_k8s pods -q 2>/dev/null | wc -l)
  log "removed pod sandboxes and containers through CRI (left: $left)"
fi

# 3. control plane and kube-proxy in parallel, then etcd and containerd.
stop_many() { # names...: SIGTERM all, wait (max 20s), SIGKILL stragglers
  local c pid pids="" i
  for c in "$@"; do
    pid=$(comp_pid "$c") || { rm -f "$K8S_RUN/$c.pid"; continue; }
    kill -TERM "$pid" 2>/dev/null; pids+=" $pid"; log "stopping $c (pid $pid)"
  done
  for ((i = 0; i < 100; i++)); do
    local alive=""
    for pid in $pids; do [ -d "/proc/$pid" ] && alive+=" $pid"; done
    [ -z "$alive" ] && break; sleep 0.2
  done
  for pid in $pids; do [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null; done
  for c in "$@"; do rm -f "$K8S_RUN/$c.pid"; done
}
stop_many kube-proxy kube-scheduler kube-controller-manager kube-apiserver
stop_many etcd containerd
# iptables: kube-proxy's chains (KUBE-SERVICES, ...) and the kubelet's
# (KUBE-FIREWALL, KUBE-KUBELET-CANARY, KUBE-IPTABLES-HINT), IPv4 and IPv6.
if [ -x "$K8S_BIN/kube-proxy" ] && iptables -t nat -S KUBE-SERVICES >/dev/null 2>&1; then
  "$K8S_BIN/kube-proxy" --cleanup --v=0 >> "$K8S_LOG/kube-proxy.log" 2>&1 || true
fi
for ipt in iptables ip6tables; do
  command -v $ipt >/dev/null || continue
  for table in filter nat mangle; do
    chains=$($ipt -t $table -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ { print $2 }')
    [ -n "$chains" ] || continue
    # drop jumps from built-in chains, then flush and delete the chains
    $ipt -t $table -S 2>/dev/null | grep -E '^-A [A-Z]+ .*-j KUBE-' | grep -vE '^-A KUBE-' |
      while read -r _ chain rest; do eval "$ipt -t $table -D $chain $rest" 2>/dev/null; done
    for ch in $chains; do $ipt -t $table -F "$ch" 2>/dev/null; done
    for ch in $chains; do $ipt -t $table -X "$ch" 2>/dev/null; done
  done
done
log "removed KUBE-* iptables chains"

# 4. fallback: anything still running in the kubelet's cgroups, and leftover
#    containerd shims of OUR containerd (matched by our socket path, by pid).
kill_list=""
for cg in /sys/fs/cgroup/pids/kubepods /sys/fs/cgroup/memory/kubepods /sys/fs/cgroup/unified/kubepods; do
  [ -d "$cg" ] && kill_list+=" $(find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null | tr '\n' ' ')"
done
for p in /proc/[0-9]*; do
  pid=${p#/proc/}
  if { tr '\0' ' ' < "$p/cmdline"; } 2>/dev/null | has "containerd-shim.*-address $CONTAINERD_SOCK"; then
    kill_list+=" $pid"
  fi
done
kill_list=$(echo "$kill_list" | tr ' ' '\n' | grep -E '^[0-9]+$' | sort -u | tr '\n' ' ')
if [ -n "${kill_list// /}" ]; then
  # shellcheck disable=SC2086
  kill -KILL $kill_list 2>/dev/null || true
  log "killed leftover pod/shim processes: $kill_list"
  sleep 0.5
fi
# remove the (now empty) kubepods cgroups, deepest first
for root in /sys/fs/cgroup/*/kubepods; do
  [ -d "$root" ] && find "$root" -depth -type d -exec rmdir {} \; 2>/dev/null
done

# 5. unmount whatever the kubelet/containerd/CNI mounted.
unmount_under() {
  local m
  for m in $(awk -v p="$1" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}
unmount_under "$KUBELET_ROOT/"
unmount_under "$CONTAINERD_STATE/"
unmount_under "$CONTAINERD_ROOT/"
# pod network namespaces left by CRI (named cni-<uuid>; Docker keeps its own elsewhere)
for ns in /run/netns/cni-*; do
  [ -e "$ns" ] || continue
  umount "$ns" 2>/dev/null; rm -f "$ns"
done
log "unmounted kubelet/containerd mounts"

# 6. state: etcd data, pod IP allocations, kubelet/containerd runtime state.
rm -rf --one-file-system "$K8S_STATE/etcd" "$CNI_IPAM_DIR" "$CONTAINERD_STATE" "$K8S_STATE/pod-logs" "$K8S_RUN/runc"
[ -d "$KUBELET_ROOT" ] && ! grep -q " $KUBELET_ROOT/" /proc/self/mountinfo && rm -rf --one-file-system "$KUBELET_ROOT"
# (If containerd was already dead, stale sandbox records stay in its metadata;
# the next kubelet garbage-collects them since their pods no longer exist.)

# 7. network: our forward chain, the node interface.
if iptables -S ESCAPEKIT-FORWARD >/dev/null 2>&1; then
  while iptables -D FORWARD -j ESCAPEKIT-FORWARD 2>/dev/null; do :; done
  iptables -F ESCAPEKIT-FORWARD; iptables -X ESCAPEKIT-FORWARD
fi
ip link show "$NODE_IFACE" >/dev/null 2>&1 && ip link del "$NODE_IFACE"
log "removed iptables chain ESCAPEKIT-FORWARD and interface $NODE_IFACE"

if [ "$PURGE" = 1 ]; then
  unmount_under "$K8S_STATE/"
  rm -rf "$K8S_STATE" "$K8S_RUN"
  log "purged $K8S_STATE and $K8S_RUN (binaries kept in $K8S_BIN)"
fi
[ "$(readlink "$STD_CONTAINERD_SOCK" 2>/dev/null)" = "$CONTAINERD_SOCK" ] && rm -f "$STD_CONTAINERD_SOCK"
rm -f "$K8S_RUN"/*.pid "$CONTAINERD_SOCK" "$CONTAINERD_SOCK.ttrpc"
log "cluster down"
