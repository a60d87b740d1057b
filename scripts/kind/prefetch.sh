#!/usr/bin/env bash
# What scripts/setup-kind.sh needs that does not depend on the Kubernetes build, meant to run
# in the background, at low priority, while Kubernetes compiles (.ci/run does so): the
# debootstrap root file system (network-bound) and kind, containerd, CoreDNS and
# local-path-provisioner (mostly module downloads). Holds setup-kind.sh's lock, so a
# setup-kind.sh started meanwhile waits and then skips what this finished.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$KIND_CACHE"
exec 8> "$KIND_CACHE/.lock"
flock -w 1800 8 || die "another setup-kind.sh holds $KIND_CACHE/.lock"
bash "$KIND_LIB_DIR/rootfs.sh" >/dev/null
nice -n 19 bash "$KIND_LIB_DIR/build-bins.sh" --no-kubeadm
log "prefetch done"
