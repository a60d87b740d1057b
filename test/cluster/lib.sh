# shellcheck shell=bash disable=SC2034
# Shared helpers for up.sh / down.sh / load-image.sh (sourced, not executed).
# shellcheck source=versions.sh
. "$(dirname "${BASH_SOURCE[0]}")/versions.sh"

PKI=$K8S_STATE/pki
CONF=$K8S_STATE/conf
KUBELET_ROOT=$K8S_STATE/kubelet
CNI_CONF_DIR=$K8S_STATE/cni/net.d
CNI_IPAM_DIR=$K8S_STATE/cni/ipam
CONTAINERD_ROOT=$K8S_STATE/containerd
CONTAINERD_STATE=$K8S_RUN/containerd
STD_CONTAINERD_SOCK=/run/containerd/containerd.sock   # symlink to $CONTAINERD_SOCK
# Components in start order (down.sh stops them in reverse, kubelet first).
COMPONENTS="containerd etcd kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubelet"

T0=${T0:-$SECONDS}
log() { echo "[$(basename "$0") +$((SECONDS - T0))s] $*"; }

kctl() { "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_PATH" --context "$KUBE_CONTEXT" "$@"; }
ctr_k8s() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }
crictl_k8s() { "$K8S_BIN/crictl" --runtime-endpoint "unix://$CONTAINERD_SOCK" --image-endpoint "unix://$CONTAINERD_SOCK" --timeout 20s "$@"; }

# Serialize up.sh/down.sh (fd 9; started daemons must not inherit it).
take_lock() {
  [ "${ESCAPEKIT_LOCKED:-}" = 1 ] && return 0
  mkdir -p "$K8S_RUN"
  exec 9> "$K8S_RUN.lock"
  flock -w 600 9 || { echo "$(basename "$0"): could not lock $K8S_RUN.lock" >&2; exit 1; }
  export ESCAPEKIT_LOCKED=1
}

# grep -q for pipelines: reads all input, so `set -o pipefail` callers do not
# see a spurious SIGPIPE failure of the producer.
has() { grep "$@" > /dev/null; }

# pid of a running component started by up.sh, or nothing.
comp_pid() {
  local f=$K8S_RUN/$1.pid pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  # guard against pid reuse: the command line must name the component
  { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | has -- "$1" || return 1
  echo "$pid"
}

stop_comp() { # name [timeout-seconds]
  local name=$1 t=${2:-15} pid i
  pid=$(comp_pid "$name") || { rm -f "$K8S_RUN/$name.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < t * 5; i++)); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
  if [ -d "/proc/$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.3; fi
  rm -f "$K8S_RUN/$name.pid"
  log "stopped $name (pid $pid)"
}

# Never send cluster-internal traffic through an HTTP proxy, should one be set.
export NO_PROXY="127.0.0.1,localhost,$NODE_IP,$SERVICE_CIDR,$POD_CIDR,.svc,.cluster.local${NO_PROXY:+,$NO_PROXY}"
export no_proxy=$NO_PROXY
