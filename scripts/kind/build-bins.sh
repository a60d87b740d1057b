#!/usr/bin/env bash
# Builds, through the Go module proxy, the binaries a kind node needs beyond test/cluster/build.sh:
# kind itself, kubeadm (same Kubernetes version and flags), containerd 2 (containerd, ctr, the runc
# shim; the node's runc comes from Debian), CoreDNS and local-path-provisioner.
# Each is skipped when its binary exists and its stamp (version, Go version, wrapper files) matches.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$KIND_BIN_DIR" "$ADDON_BIN"
export CGO_ENABLED=0
GOV=$($GO env GOVERSION)

# go_install BIN_DIR NAME STAMP PACKAGE@VERSION [ldflags]: `go install` into BIN_DIR when stale.
go_install() {
  local dir=$1 name=$2 stamp=$3 pkg=$4 ldflags=${5:--s -w} t0=$SECONDS
  if stamp_ok "$dir/$name" "$stamp"; then log "skip $name (up to date)"; return; fi
  log "building $name ($pkg) ..."
  rm -rf "$dir/.tmp"; mkdir -p "$dir/.tmp"
  GOBIN=$dir/.tmp GOFLAGS=-trimpath $GO install -ldflags "$ldflags" "$pkg"
  mv -f "$dir/.tmp/$name" "$dir/$name"; rmdir "$dir/.tmp"
  echo "$stamp" > "$dir/$name.stamp"
  log "built $name in $((SECONDS - t0))s"
}

go_install "$KIND_BIN_DIR" kind "$(stamp_of kind "$KIND_VERSION" "$GOV")" "sigs.k8s.io/kind@$KIND_VERSION"
# kubeadm: the wrapper module test/cluster/kubeadm pins it (tool directive, same replaces as k8s/).
# (--no-kubeadm: skipped, for scripts/kind/prefetch.sh while the Kubernetes build still runs.)
KUBE_MAJOR=$(echo "${KUBE_VERSION#v}" | cut -d. -f1)
KUBE_MINOR=$(echo "${KUBE_VERSION#v}" | cut -d. -f2)
kubeadm_ldflags() {
  local f="-s -w" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    f+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=$KUBE_MAJOR -X $p.gitMinor=$KUBE_MINOR"
    f+=" -X $p.gitTreeState=clean -X $p.buildDate=$1"
  done
  echo "$f"
}
WRAP=$REPO_ROOT/test/cluster/kubeadm
KUBEADM_STAMP=$(stamp_of kubeadm "$KUBE_VERSION" "$GOV" "$(kubeadm_ldflags X)" "$WRAP/go.mod" "$WRAP/go.sum")
if [ "${1:-}" = --no-kubeadm ]; then
  :
elif stamp_ok "$ADDON_BIN/kubeadm" "$KUBEADM_STAMP"; then
  log "skip kubeadm $KUBE_VERSION (up to date)"
else
  log "building kubeadm $KUBE_VERSION (reuses the Kubernetes build cache) ..."
  t0=$SECONDS
  (cd "$WRAP" && $GO build -trimpath -tags selinux,notest \
    -ldflags "$(kubeadm_ldflags "$(date -u +%Y-%m-%dT%H:%M:%SZ)")" \
    -o "$ADDON_BIN/kubeadm.tmp" k8s.io/kubernetes/cmd/kubeadm)
  mv -f "$ADDON_BIN/kubeadm.tmp" "$ADDON_BIN/kubeadm"
  echo "$KUBEADM_STAMP" > "$ADDON_BIN/kubeadm.stamp"
  log "built kubeadm in $((SECONDS - t0))s"
fi

go_install "$ADDON_BIN" coredns "$(stamp_of coredns "$COREDNS_VERSION" "$GOV")" "github.com/coredns/coredns@$COREDNS_VERSION"
go_install "$ADDON_BIN" local-path-provisioner "$(stamp_of lpp "$LPP_VERSION" "$GOV")" \
  "github.com/rancher/local-path-provisioner@$LPP_VERSION"

# containerd: the three binaries kind's base image builds, static, without the optional snapshotters.
CTRD_STAMP=$(stamp_of containerd "$CONTAINERD_VERSION" "$GOV")
if stamp_ok "$ADDON_BIN/containerd" "$CTRD_STAMP" && [ -x "$ADDON_BIN/ctr" ] && [ -x "$ADDON_BIN/containerd-shim-runc-v2" ]; then
  log "skip containerd $CONTAINERD_VERSION (up to date)"
else
  log "building containerd $CONTAINERD_VERSION ..."
  t0=$SECONDS
  rm -rf "$ADDON_BIN/.tmp"; mkdir -p "$ADDON_BIN/.tmp"
  M=github.com/containerd/containerd/v2
  GOBIN=$ADDON_BIN/.tmp $GO install -trimpath -tags "no_aufs no_zfs no_btrfs no_devmapper" \
    -ldflags "-s -w -X $M/version.Version=$CONTAINERD_VERSION" \
    "$M/cmd/containerd@$CONTAINERD_VERSION" "$M/cmd/ctr@$CONTAINERD_VERSION" "$M/cmd/containerd-shim-runc-v2@$CONTAINERD_VERSION"
  mv -f "$ADDON_BIN/.tmp/ctr" "$ADDON_BIN/.tmp/containerd-shim-runc-v2" "$ADDON_BIN/"
  mv -f "$ADDON_BIN/.tmp/containerd" "$ADDON_BIN/containerd"; rmdir "$ADDON_BIN/.tmp"
  echo "$CTRD_STAMP" > "$ADDON_BIN/containerd.stamp"
  log "built containerd in $((SECONDS - t0))s"
fi
