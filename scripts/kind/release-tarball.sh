#!/usr/bin/env bash
# A Kubernetes release-style tarball (kubernetes-server-linux-amd64.tar.gz layout) for
# `kind build node-image --type file`, made only from binaries built on this machine:
#   kubernetes/version, kubernetes/server/bin/{kubeadm,kubelet,kubectl},
#   kubernetes/server/bin/{kube-apiserver,kube-controller-manager,kube-scheduler,kube-proxy}.tar
# kube-apiserver.tar also carries every other image the node preloads under the name kind and
# kubeadm expect (pause, etcd, CoreDNS, kindnetd, local-path-provisioner and its helper), so
# kind's builder finds them all "built" and pulls nothing. Prints the tarball's path.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rootfs_tar=$1
for b in "$K8S_BIN/escapekit-k8s" "$K8S_BIN/etcd" "$K8S_BIN/pause" "$ADDON_BIN/kubeadm" "$ADDON_BIN/coredns" \
  "$ADDON_BIN/local-path-provisioner" /bin/busybox; do [ -x "$b" ] || die "missing $b"; done

stamp=$(stamp_of release "$rootfs_tar.stamp" "$K8S_BIN/.escapekit-k8s.stamp" "$K8S_BIN/.etcd.stamp" \
  "$K8S_BIN/.pause.stamp" "$ADDON_BIN/kubeadm.stamp" "$ADDON_BIN/coredns.stamp" "$ADDON_BIN/local-path-provisioner.stamp" \
  "$(sha256sum /bin/busybox)" "$KIND_LIB_DIR/release-tarball.sh" "$KIND_LIB_DIR/archive.sh" "$KIND_LIB_DIR/kindnet-standin.sh" "$KIND_LIB_DIR/iptables-mode.sh" \
  "$KIND_LIB_DIR/lib.sh")
out=$KIND_CACHE/kubernetes-server-$KUBE_VERSION-$stamp.tar.gz
if stamp_ok "$out" "$stamp"; then log "skip release tarball (cached $out)"; echo "$out"; exit 0; fi

ARCHIVE_WORK=$(mktemp -d "$KIND_CACHE/release-work.XXXXXX")
trap 'rm -rf "$ARCHIVE_WORK"' EXIT
# shellcheck source=archive.sh
. "$KIND_LIB_DIR/archive.sh"
archive_reset
W=$ARCHIVE_WORK
dir() { rm -rf "$W/l"; mkdir -p "$W/l/$1"; }

log "assembling image layers ..."
root=$(layer_from_tar "$rootfs_tar")   # userland for kube-proxy (iptables) and the kindnet stand-in
dir usr/local/bin; cp "$K8S_BIN/escapekit-k8s" "$W/l/usr/local/bin/"
for c in kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubectl; do ln -s escapekit-k8s "$W/l/usr/local/bin/$c"; done
mkdir -p "$W/l/usr/local/sbin"; install -m 0755 "$KIND_LIB_DIR/iptables-mode.sh" "$W/l/usr/local/sbin/iptables-mode"
for t in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do ln -s iptables-mode "$W/l/usr/local/sbin/$t"; done
k8s=$(layer_from_dir "$W/l")
dir usr/local/bin; install -m 0755 "$KIND_LIB_DIR/kindnet-standin.sh" "$W/l/usr/local/bin/kindnetd"
kindnet=$(layer_from_dir "$W/l")
dir usr/local/bin; cp "$K8S_BIN/etcd" "$W/l/usr/local/bin/"
etcd=$(layer_from_dir "$W/l")
dir .; cp "$K8S_BIN/pause" "$W/l/pause"
pause=$(layer_from_dir "$W/l")
dir .; cp "$ADDON_BIN/coredns" "$W/l/coredns"
coredns=$(layer_from_dir "$W/l")
dir usr/local/bin; cp "$ADDON_BIN/local-path-provisioner" "$W/l/usr/local/bin/"
lpp=$(layer_from_dir "$W/l")
dir bin; cp /bin/busybox "$W/l/bin/"
for a in sh mkdir rm ls cat; do ln -s busybox "$W/l/bin/$a"; done
busybox=$(layer_from_dir "$W/l")

mkdir -p "$W/t/kubernetes/server/bin"
B=$W/t/kubernetes/server/bin
component() { archive_image "registry.k8s.io/$1:$KUBE_VERSION" "[\"/usr/local/bin/$1\"]" "$root" "$k8s"; }
for c in kube-controller-manager kube-scheduler kube-proxy; do component "$c"; archive_write "$B/$c.tar"; done
component kube-apiserver
archive_image "$SANDBOX_IMAGE" '["/pause"]' "$pause"
archive_image "registry.k8s.io/etcd:$ETCD_IMAGE_TAG" '["/usr/local/bin/etcd"]' "$etcd"
archive_image "registry.k8s.io/coredns/coredns:$COREDNS_VERSION" '["/coredns"]' "$coredns"
archive_image "$KINDNETD_IMAGE" '["/usr/local/bin/kindnetd"]' "$root" "$k8s" "$kindnet"
archive_image "$LPP_IMAGE" '["/usr/local/bin/local-path-provisioner"]' "$lpp"
archive_image "$LPP_HELPER_IMAGE" '["/bin/sh"]' "$busybox"
archive_write "$B/kube-apiserver.tar"

cp "$ADDON_BIN/kubeadm" "$B/kubeadm"
cp "$K8S_BIN/escapekit-k8s" "$B/kubelet"   # argv[0] dispatch: /usr/bin/kubelet runs the kubelet
cp "$K8S_BIN/escapekit-k8s" "$B/kubectl"
echo "$KUBE_VERSION" > "$W/t/kubernetes/version"
log "writing release tarball ..."
tar --create --directory="$W/t" kubernetes | gzip -1 > "$out.tmp"
mv -f "$out.tmp" "$out"
echo "$stamp" > "$out.stamp"
log "release tarball $out ($(du -sh "$out" | cut -f1))"
echo "$out"
