# shellcheck shell=bash disable=SC2034
# Pinned versions and fixed paths for the escapekit local Kubernetes cluster.
# Sourced by build.sh, up.sh, down.sh and load-image.sh. Change versions ONLY
# here (and re-run `go get` in the wrapper modules so go.mod/go.sum follow).
KUBE_VERSION=v1.34.12          # k8s.io/kubernetes (staging modules v0.34.12)
ETCD_VERSION=v3.6.16           # go.etcd.io/etcd/server/v3
CRICTL_VERSION=v1.34.0         # sigs.k8s.io/cri-tools
PAUSE_IMAGE=escapekit.local/pause:3.10

ESCAPEKIT_CACHE=${ESCAPEKIT_CACHE:-/var/cache/escapekit}   # override only to test a cold build
export GOMODCACHE=$ESCAPEKIT_CACHE/go/mod
export GOCACHE=$ESCAPEKIT_CACHE/go/build
export GOTOOLCHAIN=local
export GOFLAGS="-buildvcs=false -mod=readonly"
K8S_BIN=$ESCAPEKIT_CACHE/k8s/$KUBE_VERSION/bin

K8S_STATE=/var/lib/escapekit-k8s          # etcd data, containerd root, kubelet root, pki
K8S_RUN=/run/escapekit-k8s                # pids, containerd state + socket
K8S_LOG=/var/log/escapekit-k8s
KUBECONFIG_PATH=$K8S_STATE/kubeconfig
KUBE_CONTEXT=escapekit-local
CONTAINERD_SOCK=$K8S_RUN/containerd.sock

# Node networking: a dummy interface owned by this setup carries the node IP.
NODE_IFACE=escapekit0
NODE_IP=10.87.0.1
NODE_IP_CIDR=10.87.0.1/32
POD_CIDR=10.88.0.0/16
SERVICE_CIDR=10.96.0.0/12
SERVICE_APISERVER_IP=10.96.0.1
NODE_NAME=escapekit-node

GO=${GO:-/usr/local/go/bin/go}
