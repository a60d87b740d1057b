#!/usr/bin/env bash
# A Debian root file system for the kind node (and the images that need a userland), made
# with debootstrap from Debian's mirror: systemd, containerd/runc/CNI plugins from Debian,
# the tools kind's base image installs. Cached as $KIND_CACHE/rootfs-<stamp>.tar.
# Prints the tar's path.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# kind's base image package list (images/base/Dockerfile), minus storage-test tools, plus
# Debian's runc and CNI plugins (kind builds those from GitHub; containerd comes from
# scripts/kind/build-bins.sh, as kind v0.33's tools need containerd 2).
PACKAGES=systemd,systemd-sysv,dbus,conntrack,iptables,nftables,iproute2,ethtool,util-linux,mount,kmod
PACKAGES+=,libseccomp2,pigz,bash,ca-certificates,curl,jq,procps,socat,ebtables
PACKAGES+=,runc,containernetworking-plugins
stamp=$(stamp_of rootfs "$DEBIAN_SUITE" "$PACKAGES" "$KIND_LIB_DIR/rootfs.sh")
tar_path=$KIND_CACHE/rootfs-$stamp.tar
if stamp_ok "$tar_path" "$stamp"; then log "skip root file system (cached $tar_path)"; echo "$tar_path"; exit 0; fi

command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
work=$(mktemp -d "$KIND_CACHE/rootfs-work.XXXXXX")
trap 'rm -rf "$work"' EXIT
log "debootstrap $DEBIAN_SUITE (minbase + ${PACKAGES//,/ }) ..."
debootstrap --variant=minbase --include="$PACKAGES" "$DEBIAN_SUITE" "$work/root" "$DEBIAN_MIRROR" > "$work/log" 2>&1 ||
  { tail -20 "$work/log" >&2; die "debootstrap failed"; }
# what kind's clean-install removes, plus the downloaded packages
rm -rf "$work/root"/var/cache/apt/archives/*.deb "$work/root"/var/lib/apt/lists/* \
  "$work/root"/usr/share/{doc,man,info,locale}/* "$work/root"/var/log/*.log
tar --create --file="$tar_path.tmp" --directory="$work/root" --numeric-owner --xattrs .
mv -f "$tar_path.tmp" "$tar_path"
echo "$stamp" > "$tar_path.stamp"
log "root file system cached as $tar_path ($(du -sh "$tar_path" | cut -f1))"
echo "$tar_path"
