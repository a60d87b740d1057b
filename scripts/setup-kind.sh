#!/usr/bin/env bash
# Makes real kind clusters possible on a machine without a container registry: installs the
# pinned kind (v0.33.0, through the Go module proxy) as /usr/local/bin/kind and builds its node
# image offline from local parts (Kubernetes from test/cluster/build.sh, kubeadm, CoreDNS,
# local-path-provisioner, a debootstrap root file system, kind's own base files).
# Idempotent: every step is cached under /var/cache/escapekit (binaries, root file system,
# release tarball) or in the Docker engine (base and node images) and skipped when current.
# Needs a running Docker engine (scripts/setup-docker.sh). Prints the node image reference.
set -euo pipefail
# shellcheck source=kind/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/kind/lib.sh"
K=$KIND_LIB_DIR

timeout 10 docker info >/dev/null 2>&1 || die "no Docker engine answers (run scripts/setup-docker.sh first)"
for t in jq gzip chroot; do command -v "$t" >/dev/null || die "$t is needed"; done
[ -x /bin/busybox ] || die "/bin/busybox is needed (Debian package busybox-static)"
mkdir -p "$KIND_CACHE"
exec 8> "$KIND_CACHE/.lock"
flock -w 1800 8 || die "another setup-kind.sh holds $KIND_CACHE/.lock"

log "Kubernetes $KUBE_VERSION binaries (test/cluster/build.sh) ..."
bash "$REPO_ROOT/test/cluster/build.sh" >&2
bash "$K/build-bins.sh"
ln -sfn "$KIND_BIN_DIR/kind" /usr/local/bin/kind

rootfs=$(bash "$K/rootfs.sh")
base=$(bash "$K/base-image.sh" "$rootfs")
tarball=$(bash "$K/release-tarball.sh" "$rootfs")

# kind drives its privileged node containers with `docker exec`; on machines whose root lacks
# CAP_SYS_RESOURCE that needs the vmcompat runtime shim of scripts/setup-docker.sh (exec fix).
probe=ek-kind-preflight-$$
docker run -d --rm --privileged --name "$probe" --entrypoint sleep "$base" 60 >/dev/null
if ! out=$(docker exec "$probe" true 2>&1); then
  docker rm -f "$probe" >/dev/null 2>&1
  die "docker exec into a privileged container fails here ($out): run scripts/setup-docker.sh (its vmcompat shim handles exec)"
fi
docker rm -f "$probe" >/dev/null 2>&1

stamp=$(stamp_of node "$base" "$(basename "$tarball")" "$KIND_VERSION")  # names carry their stamps
stamp_file=$KIND_CACHE/node-image.stamp
if image_exists "$NODE_IMAGE" && [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp $(docker image inspect -f '{{.Id}}' "$NODE_IMAGE")" ]; then
  log "skip node image (have $NODE_IMAGE)"
else
  log "kind build node-image $NODE_IMAGE (base $base) ..."
  t0=$SECONDS
  # kind first tries `docker pull` on the base image (refused on 127.0.0.1:1, ~10 s of retries)
  kind build node-image --type file --base-image "$base" --image "$NODE_IMAGE" "$tarball" >&2
  echo "$stamp $(docker image inspect -f '{{.Id}}' "$NODE_IMAGE")" > "$stamp_file"
  log "node image built in $((SECONDS - t0))s"
fi
# Images of earlier builds are no longer referenced by any tag: drop them.
docker images --filter dangling=true --filter "reference=$NODE_IMAGE_REPO" -q | xargs -r docker rmi >/dev/null 2>&1 || true
log "ready: kind $(kind version | cut -d' ' -f2), node image $NODE_IMAGE"
echo "$NODE_IMAGE"
