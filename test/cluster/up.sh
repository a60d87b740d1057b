#!/usr/bin/env bash
# Start (idempotently) a single-node Kubernetes cluster on this machine for
# escapekit's end-to-end tests. See README.md. Usage: up.sh
#   - returns quickly when the cluster is already up and healthy
#   - otherwise cleans leftovers (down.sh), builds/caches binaries (build.sh),
#     prepares the host, starts every component in the background and waits
#     for the node to be Ready and the default service account to exist.
# Admin kubeconfig: /var/lib/escapekit-k8s/kubeconfig, context escapekit-local.
set -euo pipefail
T0=$SECONDS
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ "$(id -u)" = 0 ] || { echo "up.sh: must run as root" >&2; exit 1; }
take_lock   # one up.sh/down.sh at a time (concurrent callers wait)

fail() { # message [component-whose-log-to-show...]
  echo "up.sh: FAILED: $1" >&2
  shift
  for c in "$@"; do
    echo "---- last lines of $K8S_LOG/$c.log ----" >&2
    tail -n 40 "$K8S_LOG/$c.log" >&2 2>/dev/null || true
  done
  exit 1
}

healthy() {
  local c
  for c in $COMPONENTS; do comp_pid "$c" >/dev/null || return 1; done
  [ -x "$K8S_BIN/kubectl" ] && [ -f "$KUBECONFIG_PATH" ] || return 1
  [ "$(kctl get --raw /readyz 2>/dev/null)" = ok ] || return 1
  kctl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | has -x True || return 1
  ctr_k8s images ls -q 2>/dev/null | has -xF "$PAUSE_IMAGE" || return 1
}

# ------------------------------------------------------------ fast path
if healthy; then
  # the binaries must still match the pinned versions (cheap stamp check);
  # if build.sh had to rebuild anything, restart the cluster on the new ones
  out=$("$HERE/build.sh" 2>&1) || { echo "$out" >&2; fail "build.sh failed"; }
  if ! grep -q '^build.sh: building' <<< "$out" && healthy; then
    log "cluster already up and healthy (kubeconfig $KUBECONFIG_PATH, context $KUBE_CONTEXT)"
    exit 0
  fi
  log "binaries changed: restarting the cluster"
fi

# ------------------------------------------------------------ clean slate
if ls "$K8S_RUN"/*.pid >/dev/null 2>&1 || [ -d "$K8S_STATE/etcd" ]; then
  log "cluster not healthy: cleaning up leftovers with down.sh"
  T0=$T0 ESCAPEKIT_LOCKED=1 "$HERE/down.sh" 2>&1 | sed 's/^/  /'
fi

# ------------------------------------------------------------ build
log "build.sh"
if ! "$HERE/build.sh" 2>&1 | sed 's/^/  /'; then fail "build.sh failed"; fi
for b in escapekit-k8s etcd crictl pause-image.tar; do [ -e "$K8S_BIN/$b" ] || fail "missing $K8S_BIN/$b after build"; done
for b in containerd ctr runc iptables conntrack openssl; do
  command -v "$b" >/dev/null || fail "missing host tool '$b' (apt-get install containerd runc iptables conntrack openssl)"
done
[ -x /usr/lib/cni/ptp ] && [ -x /usr/lib/cni/host-local ] && [ -x /usr/lib/cni/portmap ] && [ -x /usr/lib/cni/loopback ] ||
  fail "missing CNI plugins in /usr/lib/cni (apt-get install containernetworking-plugins)"

# ------------------------------------------------------------ host prep
log "preparing host"
mkdir -p "$K8S_STATE" "$K8S_RUN" "$K8S_LOG" "$PKI" "$CONF" "$KUBELET_ROOT" "$CNI_CONF_DIR" "$CNI_IPAM_DIR" \
  "$CONTAINERD_ROOT" "$CONTAINERD_STATE"
chmod 755 "$K8S_STATE"
mount --make-rshared /
[ -e /dev/kmsg ] || mknod -m 600 /dev/kmsg c 1 11 || ln -s /dev/console /dev/kmsg
sysctl -qw net.ipv4.ip_forward=1
for kv in fs.inotify.max_user_instances=8192 fs.inotify.max_user_watches=524288; do
  cur=$(sysctl -n "${kv%%=*}"); [ "$cur" -ge "${kv#*=}" ] || sysctl -qw "$kv"
done
# Node IP lives on an interface this setup owns (this kernel has no 'dummy'
# driver, so an empty bridge is used; its address is local all the same).
if ! ip link show "$NODE_IFACE" >/dev/null 2>&1; then
  ip link add "$NODE_IFACE" type dummy 2>/dev/null || ip link add "$NODE_IFACE" type bridge
fi
ip addr replace "$NODE_IP_CIDR" dev "$NODE_IFACE"
ip link set "$NODE_IFACE" up
# Forwarding for pods: pod<->pod allowed, pod -> anything outside this machine
# REJECTED (traffic must stay on this host); pods still reach the node IP and
# host addresses through INPUT, and services through kube-proxy's DNAT.
iptables -N ESCAPEKIT-FORWARD 2>/dev/null || iptables -F ESCAPEKIT-FORWARD
iptables -A ESCAPEKIT-FORWARD -s "$POD_CIDR" -d "$POD_CIDR" -j ACCEPT
iptables -A ESCAPEKIT-FORWARD -s "$POD_CIDR" -j REJECT
iptables -A ESCAPEKIT-FORWARD -d "$POD_CIDR" -j ACCEPT
iptables -C FORWARD -j ESCAPEKIT-FORWARD 2>/dev/null || iptables -I FORWARD 1 -j ESCAPEKIT-FORWARD
# DNS for pods: never inherit the host's (external) resolver.
echo "nameserver 127.0.0.1" > "$K8S_STATE/resolv.conf"

# ------------------------------------------------------------ PKI
# shellcheck source=pki.sh
. "$HERE/pki.sh"
gen_pki || fail "certificate generation failed"

# ------------------------------------------------------------ configs
# shellcheck source=configs.sh
. "$HERE/configs.sh"
write_configs || fail "writing configs failed"

# ------------------------------------------------------------ start helpers
start() { # name logname binary args...
  local name=$1; shift
  if comp_pid "$name" >/dev/null; then log "$name already running"; return 0; fi
  [ -f "$K8S_LOG/$name.log" ] && mv -f "$K8S_LOG/$name.log" "$K8S_LOG/$name.log.prev"
  echo "==== $(date -u +%FT%TZ) starting $name" >> "$K8S_LOG/$name.log"
  setsid "$@" >> "$K8S_LOG/$name.log" 2>&1 < /dev/null 9>&- &
  echo $! > "$K8S_RUN/$name.pid"
  log "started $name (pid $!)"
}
wait_for() { # description timeout-seconds component-for-logs command...
  local what=$1 t=$2 comp=$3 end; shift 3
  end=$((SECONDS + t))
  until "$@" >/dev/null 2>&1; do
    if [ -n "$comp" ] && ! comp_pid "$comp" >/dev/null; then fail "$comp exited while waiting for $what" "$comp"; fi
    [ $SECONDS -lt $end ] || fail "timed out after ${t}s waiting for $what" ${comp:+"$comp"}
    sleep 0.5
  done
  log "$what: ok"
}

curl_ok() { curl -fsS --max-time 3 "$@"; }
apiserver_ready() { [ "$(kctl get --raw /readyz 2>/dev/null)" = ok ]; }
kubernetes_endpoint() {
  kctl -n default get endpointslices -l kubernetes.io/service-name=kubernetes \
    -o jsonpath='{.items[*].endpoints[*].addresses[*]}' | has -w "$NODE_IP"
}

# ------------------------------------------------------------ containerd
start containerd containerd --config "$CONF/containerd.toml"
wait_for "containerd socket" 30 containerd ctr --address "$CONTAINERD_SOCK" version
if ! ctr_k8s images ls -q | has -xF "$PAUSE_IMAGE"; then
  ctr_k8s images import "$K8S_BIN/pause-image.tar" >/dev/null || fail "importing the pause image failed" containerd
fi
ctr_k8s images ls -q | has -xF "$PAUSE_IMAGE" || fail "pause image $PAUSE_IMAGE not in containerd" containerd
log "pause image $PAUSE_IMAGE present"
# Make the node look like a standard containerd node: the CRI socket is also
# reachable at the default path (a symlink; only if nothing else owns it).
if [ ! -e "$STD_CONTAINERD_SOCK" ] || [ -L "$STD_CONTAINERD_SOCK" ]; then
  mkdir -p "$(dirname "$STD_CONTAINERD_SOCK")"
  ln -sfn "$CONTAINERD_SOCK" "$STD_CONTAINERD_SOCK"
fi

# ------------------------------------------------------------ etcd
start etcd "$K8S_BIN/etcd" --name escapekit --data-dir "$K8S_STATE/etcd" \
  --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
  --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
  --initial-cluster escapekit=http://127.0.0.1:2380 --initial-cluster-state new \
  --listen-metrics-urls http://127.0.0.1:2381 --unsafe-no-fsync --log-level warn
wait_for "etcd health" 30 etcd curl_ok http://127.0.0.1:2381/health

# ------------------------------------------------------------ apiserver
start kube-apiserver "$K8S_BIN/kube-apiserver" \
  --advertise-address="$NODE_IP" --bind-address=0.0.0.0 --secure-port=6443 \
  --etcd-servers=http://127.0.0.1:2379 \
  --service-cluster-ip-range="$SERVICE_CIDR" \
  --authorization-mode=Node,RBAC \
  --admission-control-config-file="$CONF/admission.yaml" \
  --enable-admission-plugins=NodeRestriction \
  --allow-privileged=true \
  --client-ca-file="$PKI/ca.crt" \
  --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
  --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" \
  --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
  --kubelet-certificate-authority="$PKI/ca.crt" \
  --kubelet-preferred-address-types=InternalIP,Hostname \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$PKI/sa.pub" \
  --service-account-signing-key-file="$PKI/sa.key" \
  --profiling=false --v=1
wait_for "kube-apiserver /readyz" 120 kube-apiserver apiserver_ready

# ------------------------------------------------------------ the rest
start kube-controller-manager "$K8S_BIN/kube-controller-manager" \
  --kubeconfig="$CONF/controller-manager.kubeconfig" \
  --authentication-kubeconfig="$CONF/controller-manager.kubeconfig" \
  --authorization-kubeconfig="$CONF/controller-manager.kubeconfig" \
  --bind-address=127.0.0.1 --leader-elect=false \
  --client-ca-file="$PKI/ca.crt" --root-ca-file="$PKI/ca.crt" \
  --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
  --service-account-private-key-file="$PKI/sa.key" --use-service-account-credentials=true \
  --service-cluster-ip-range="$SERVICE_CIDR" --allocate-node-cidrs=false \
  --profiling=false --v=1
start kube-scheduler "$K8S_BIN/kube-scheduler" \
  --kubeconfig="$CONF/scheduler.kubeconfig" \
  --authentication-kubeconfig="$CONF/scheduler.kubeconfig" \
  --authorization-kubeconfig="$CONF/scheduler.kubeconfig" \
  --bind-address=127.0.0.1 --leader-elect=false --profiling=false --v=1
start kube-proxy "$K8S_BIN/kube-proxy" --config="$CONF/kube-proxy.yaml" --v=1
start kubelet "$K8S_BIN/kubelet" \
  --config="$CONF/kubelet.yaml" --kubeconfig="$CONF/kubelet.kubeconfig" \
  --root-dir="$KUBELET_ROOT" --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" --v=1

node_ready() {
  kctl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' | has -x True
}
wait_for "node $NODE_NAME Ready" 180 kubelet node_ready
for c in kube-controller-manager kube-scheduler kube-proxy; do comp_pid "$c" >/dev/null || fail "$c exited" "$c"; done
wait_for "default service account" 120 kube-controller-manager kctl -n default get serviceaccount default
wait_for "kube-root-ca.crt configmap" 120 kube-controller-manager kctl -n default get configmap kube-root-ca.crt
wait_for "kubernetes service endpoints" 60 kube-apiserver kubernetes_endpoint
wait_for "kube-proxy rules for the kubernetes service" 60 kube-proxy \
  sh -c "iptables -t nat -S KUBE-SERVICES | grep -q '$SERVICE_APISERVER_IP/32'"

log "cluster up: kubeconfig $KUBECONFIG_PATH (context $KUBE_CONTEXT), node $NODE_NAME ($NODE_IP), total $((SECONDS - T0))s"
