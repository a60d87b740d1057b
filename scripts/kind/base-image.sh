#!/usr/bin/env bash
# The kind base image, offline: kind's own base files (entrypoint, systemd units, containerd
# config; they ship in the kind module) laid over the debootstrap root file system, with
# Debian's containerd/runc/CNI plugins where kind's Dockerfile builds them from GitHub.
# Usage: base-image.sh ROOTFS_TAR   Prints the image reference.
#
# The reference names a registry at 127.0.0.1:1 on purpose: `kind build node-image` always
# tries `docker pull` on its base image first; that attempt is refused on loopback and kind
# then uses the local image. (A name without a reachable registry would send DNS queries out.)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rootfs_tar=$1
F=$KIND_SRC/images/base/files
[ -d "$F" ] || die "kind's base image files not found in $F (run scripts/kind/build-bins.sh)"

stamp=$(stamp_of base "$rootfs_tar.stamp" "$KIND_VERSION" "$K8S_BIN/.crictl.stamp" "$ADDON_BIN/containerd.stamp" \
  "$KIND_LIB_DIR/base-image.sh")
ref=127.0.0.1:1/escapekit/kind-base:$stamp
if image_exists "$ref"; then log "skip base image (have $ref)"; echo "$ref"; exit 0; fi

work=$(mktemp -d "$KIND_CACHE/base-work.XXXXXX")
trap 'rm -rf "$work"' EXIT
R=$work/root
mkdir -p "$R"
tar --extract --file="$rootfs_tar" --directory="$R" --numeric-owner

log "laying kind $KIND_VERSION base files over the root file system ..."
install -m 0755 "$F"/usr/local/bin/* "$R/usr/local/bin/"
mkdir -p "$R/kind/bin" "$R/LICENSES" "$R/etc/containerd" "$R/etc/systemd/system/kubelet.service.d"
install -m 0644 "$F/kind/README.txt" "$R/kind/"
install -m 0755 "$F"/kind/bin/* "$R/kind/bin/"
install -m 0644 "$F"/LICENSES/* "$R/LICENSES/"
install -m 0644 "$F/etc/crictl.yaml" "$R/etc/"
install -m 0644 "$F/etc/containerd/config.toml" "$R/etc/containerd/"
install -m 0644 "$F"/etc/default/* "$R/etc/default/"
install -m 0644 "$F"/etc/sysctl.d/* "$R/etc/sysctl.d/"
install -m 0644 "$F"/etc/systemd/system/*.service "$F"/etc/systemd/system/*.slice "$R/etc/systemd/system/"
install -m 0644 "$F"/etc/systemd/system/kubelet.service.d/* "$R/etc/systemd/system/kubelet.service.d/"

# The container runtime where kind's units and config expect it.
for b in containerd ctr containerd-shim-runc-v2; do install -m 0755 "$ADDON_BIN/$b" "$R/usr/local/bin/$b"; done
install -m 0755 "$K8S_BIN/crictl" "$R/usr/local/bin/crictl"
mkdir -p "$R/opt/cni/bin"
for p in host-local loopback ptp portmap bridge; do ln -sf "/usr/lib/cni/$p" "$R/opt/cni/bin/$p"; done
chroot "$R" /usr/local/bin/ctr oci spec |
  jq '.hooks.createContainer[.hooks.createContainer | length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' |
  jq 'del(.process.rlimits)' > "$R/etc/containerd/cri-base.json"

# Two settings for machines like this one: a root without CAP_SYS_RESOURCE cannot lower
# oom_score_adj (kind itself sets this under rootless), and every registry is sent to a closed
# loopback port so that a missing image fails fast instead of leaving the machine.
sed -i 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/' "$R/etc/containerd/config.toml"
grep -q 'restrict_oom_score_adj = true' "$R/etc/containerd/config.toml" || die "containerd config: restrict_oom_score_adj not set"
cat >> "$R/etc/containerd/config.toml" <<'EOF'

# escapekit (offline node image): registries resolve through /etc/containerd/certs.d
[plugins."io.containerd.grpc.v1.cri".registry]
  config_path = "/etc/containerd/certs.d"
EOF
mkdir -p "$R/etc/containerd/certs.d/_default"
printf 'server = "http://127.0.0.1:1"\n\n[host."http://127.0.0.1:1"]\n  capabilities = ["pull", "resolve"]\n' \
  > "$R/etc/containerd/certs.d/_default/hosts.toml"

# kind's Dockerfile: trim systemd to what a node runs, no kmsg in journald, enable the node's units.
find "$R/lib/systemd/system/sysinit.target.wants/" -name systemd-tmpfiles-setup.service -delete
rm -f "$R"/lib/systemd/system/multi-user.target.wants/* "$R"/etc/systemd/system/*.wants/* \
  "$R"/lib/systemd/system/local-fs.target.wants/* "$R"/lib/systemd/system/sockets.target.wants/*udev* \
  "$R"/lib/systemd/system/sockets.target.wants/*initctl* "$R"/lib/systemd/system/basic.target.wants/*
echo "ReadKMsg=no" >> "$R/etc/systemd/journald.conf"
ln -sf /usr/lib/systemd/systemd "$R/sbin/init"
chroot "$R" systemctl enable kubelet.service containerd.service undo-mount-hacks.service >/dev/null 2>&1
chroot "$R" systemctl mask systemd-binfmt.service >/dev/null 2>&1
mkdir -p "$R/etc/kubernetes/manifests"

# (kind removes nodes with `docker rm -f`; `docker import` cannot set kind's STOPSIGNAL SIGRTMIN+3)
log "importing base image $ref ..."
tar --create --directory="$R" --numeric-owner --xattrs . |
  docker import \
    --change 'ENV container=docker' \
    --change 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' \
    - "$ref" >/dev/null
echo "$ref"
