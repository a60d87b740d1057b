# shellcheck shell=bash disable=SC2034
# Pinned versions, fixed paths and small helpers for scripts/setup-kind.sh (sourced).
# Kubernetes itself (version, Go caches, binaries) comes from test/cluster/versions.sh.
KIND_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$KIND_LIB_DIR/../.." && pwd)
# shellcheck source=../../test/cluster/versions.sh
. "$REPO_ROOT/test/cluster/versions.sh"

KIND_VERSION=v0.33.0
KIND_CACHE=$ESCAPEKIT_CACHE/kind
KIND_BIN_DIR=$KIND_CACHE/$KIND_VERSION/bin          # kind itself
KIND_SRC=$GOMODCACHE/sigs.k8s.io/kind@$KIND_VERSION  # base image files + recipes ship in the module
ADDON_BIN=$KIND_CACHE/bin                           # kubeadm, containerd, coredns, local-path-provisioner
DEBIAN_SUITE=bookworm
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

CONTAINERD_VERSION=v2.3.4          # what kind v0.33.0's base image builds (its tools call `ctr info`, `import --label`)

# What kubeadm v1.34 and kind v0.33.0 expect to find preloaded in the node (nothing is pulled).
COREDNS_VERSION=v1.12.1            # kubeadm constants.CoreDNSVersion for 1.34
ETCD_IMAGE_TAG=3.6.5-0             # kubeadm constants.DefaultEtcdVersion for 1.34 (content: etcd $ETCD_VERSION)
SANDBOX_IMAGE=registry.k8s.io/pause:3.10               # kind's containerd sandbox_image
KINDNETD_IMAGE=docker.io/kindest/kindnetd:v20260820-69b56db7
LPP_VERSION=v0.0.30                # github.com/rancher/local-path-provisioner
LPP_IMAGE=docker.io/kindest/local-path-provisioner:v20260820-69b56db7
LPP_HELPER_IMAGE=docker.io/kindest/local-path-helper:v20260131-7181c60a

# The offline node image; its tag changes whenever an input of the build changes.
NODE_IMAGE_REPO=escapekit.local/kind-node
NODE_IMAGE=$NODE_IMAGE_REPO:$KUBE_VERSION
BASE_IMAGE_REPO=escapekit.local/kind-base

log() { echo "[setup-kind $(date +%T)] $*" >&2; }
die() { echo "setup-kind: $*" >&2; exit 1; }

# sha256 over a name plus files (content) or strings.
stamp_of() {
  local name=$1; shift
  { echo "$name"; for x in "$@"; do if [ -f "$x" ]; then sha256sum "$x"; else echo "$x"; fi; done; } | sha256sum | cut -c1-16
}
stamp_ok() { [ -f "$1" ] && [ -f "$1.stamp" ] && [ "$(cat "$1.stamp")" = "$2" ]; }
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
