#!/usr/bin/env bash
# Idempotent build of the local Kubernetes toolchain from official sources via
# the Go module proxy:
#   - escapekit-k8s: combined kube-apiserver/controller-manager/scheduler/
#     kubelet/kube-proxy/kubectl binary (argv[0] dispatch) + symlinks
#   - etcd, crictl
#   - pause (static C) for the locally built pause image
# Outputs go to $K8S_BIN (/var/cache/escapekit/k8s/<version>/bin). Each target
# is skipped when its binary exists and its stamp (versions + wrapper sources +
# build flags) is unchanged.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
. "$HERE/versions.sh"

mkdir -p "$K8S_BIN" "$GOMODCACHE" "$GOCACHE"
export CGO_ENABLED=0

stamp_of() { # name, then files/strings that define the build
  local name=$1; shift
  { echo "$name"; for x in "$@"; do if [ -f "$x" ]; then sha256sum "$x"; else echo "$x"; fi; done; } | sha256sum | cut -d' ' -f1
}
up_to_date() { # binary stamp
  [ -x "$K8S_BIN/$1" ] && [ -f "$K8S_BIN/.$1.stamp" ] && [ "$(cat "$K8S_BIN/.$1.stamp")" = "$2" ]
}
timed() { local t0=$SECONDS; "$@"; echo "build.sh:   took $((SECONDS - t0))s"; }

# ---------------------------------------------------------------- kubernetes
KUBE_MAJOR=$(echo "${KUBE_VERSION#v}" | cut -d. -f1)
KUBE_MINOR=$(echo "${KUBE_VERSION#v}" | cut -d. -f2)
K8S_TAGS="selinux,notest"
k8s_ldflags() {
  local date=$1 f="-s -w" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    f+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=$KUBE_MAJOR -X $p.gitMinor=$KUBE_MINOR"
    f+=" -X $p.gitTreeState=clean -X $p.buildDate=$date"
  done
  echo "$f"
}
K8S_STAMP=$(stamp_of escapekit-k8s "$KUBE_VERSION" "$K8S_TAGS" "$(k8s_ldflags X)" "$($GO env GOVERSION)" \
  "$HERE/k8s/go.mod" "$HERE/k8s/go.sum" "$HERE/k8s/main.go")
if up_to_date escapekit-k8s "$K8S_STAMP"; then
  echo "build.sh: skip escapekit-k8s $KUBE_VERSION (up to date in $K8S_BIN)"
else
  echo "build.sh: building escapekit-k8s $KUBE_VERSION (cold: ~7 min on 2 cores) ..."
  build_k8s() {
    (cd "$HERE/k8s" && $GO build -trimpath -tags "$K8S_TAGS" \
      -ldflags "$(k8s_ldflags "$(date -u +%Y-%m-%dT%H:%M:%SZ)")" \
      -o "$K8S_BIN/escapekit-k8s.tmp" .)
    mv -f "$K8S_BIN/escapekit-k8s.tmp" "$K8S_BIN/escapekit-k8s"
  }
  timed build_k8s
  echo "$K8S_STAMP" > "$K8S_BIN/.escapekit-k8s.stamp"
fi
for c in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl; do
  ln -sfn escapekit-k8s "$K8S_BIN/$c"
done

# ---------------------------------------------------------------- etcd
ETCD_STAMP=$(stamp_of etcd "$ETCD_VERSION" "$($GO env GOVERSION)" "$HERE/etcd/go.mod" "$HERE/etcd/go.sum")
if up_to_date etcd "$ETCD_STAMP"; then
  echo "build.sh: skip etcd $ETCD_VERSION (up to date)"
else
  echo "build.sh: building etcd $ETCD_VERSION ..."
  build_etcd() {
    (cd "$HERE/etcd" && $GO build -trimpath -ldflags "-s -w" -o "$K8S_BIN/etcd.tmp" go.etcd.io/etcd/server/v3)
    mv -f "$K8S_BIN/etcd.tmp" "$K8S_BIN/etcd"
  }
  timed build_etcd
  echo "$ETCD_STAMP" > "$K8S_BIN/.etcd.stamp"
fi

# ---------------------------------------------------------------- crictl
CRICTL_STAMP=$(stamp_of crictl "$CRICTL_VERSION" "$($GO env GOVERSION)" "$HERE/crictl/go.mod" "$HERE/crictl/go.sum")
if up_to_date crictl "$CRICTL_STAMP"; then
  echo "build.sh: skip crictl $CRICTL_VERSION (up to date)"
else
  echo "build.sh: building crictl $CRICTL_VERSION ..."
  build_crictl() {
    (cd "$HERE/crictl" && $GO build -trimpath \
      -ldflags "-s -w -X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION" \
      -o "$K8S_BIN/crictl.tmp" sigs.k8s.io/cri-tools/cmd/crictl)
    mv -f "$K8S_BIN/crictl.tmp" "$K8S_BIN/crictl"
  }
  timed build_crictl
  echo "$CRICTL_STAMP" > "$K8S_BIN/.crictl.stamp"
fi

# ---------------------------------------------------------------- pause
PAUSE_STAMP=$(stamp_of pause "$HERE/pause/pause.c" "$(gcc --version | head -1)")
if up_to_date pause "$PAUSE_STAMP"; then
  echo "build.sh: skip pause (up to date)"
else
  echo "build.sh: building pause ..."
  gcc -static -Os -Wall -o "$K8S_BIN/pause.tmp" "$HERE/pause/pause.c"
  strip "$K8S_BIN/pause.tmp"
  mv -f "$K8S_BIN/pause.tmp" "$K8S_BIN/pause"
  echo "$PAUSE_STAMP" > "$K8S_BIN/.pause.stamp"
fi
# ---------------------------------------------------------------- pause image
# A FROM-scratch OCI image archive holding only /pause, assembled by hand (no
# docker needed, byte-for-byte reproducible); up.sh imports it into the
# cluster's containerd as $PAUSE_IMAGE.
PIMG_STAMP=$(stamp_of pause-image "$PAUSE_STAMP" "$PAUSE_IMAGE" "$HERE/build.sh")
if [ -f "$K8S_BIN/pause-image.tar" ] && [ -f "$K8S_BIN/.pause-image.tar.stamp" ] &&
   [ "$(cat "$K8S_BIN/.pause-image.tar.stamp")" = "$PIMG_STAMP" ]; then
  echo "build.sh: skip pause image $PAUSE_IMAGE (up to date)"
else
  echo "build.sh: assembling pause image $PAUSE_IMAGE ..."
  d=$(mktemp -d)
  mkdir -p "$d/root" "$d/oci/blobs/sha256"
  cp "$K8S_BIN/pause" "$d/root/pause"; chmod 0755 "$d/root/pause"
  tar --create --file="$d/layer.tar" --directory="$d/root" --sort=name --mtime=@0 \
    --owner=0 --group=0 --numeric-owner --format=posix --pax-option=delete=atime,delete=ctime pause
  blob() { # file -> prints "digest size" and stores the blob
    local h; h=$(sha256sum "$1" | cut -d' ' -f1)
    cp "$1" "$d/oci/blobs/sha256/$h"; echo "sha256:$h $(stat -c %s "$1")"
  }
  read -r ldig lsize < <(blob "$d/layer.tar")
  printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":["/pause"],"User":"65535:65535"},"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"escapekit test/cluster/build.sh"}]}' \
    "$ldig" > "$d/config.json"
  read -r cdig csize < <(blob "$d/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%s}]}' \
    "$cdig" "$csize" "$ldig" "$lsize" > "$d/manifest.json"
  read -r mdig msize < <(blob "$d/manifest.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "$mdig" "$msize" "$PAUSE_IMAGE" "${PAUSE_IMAGE##*:}" > "$d/oci/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$d/oci/oci-layout"
  tar --create --file="$K8S_BIN/pause-image.tar.tmp" --directory="$d/oci" --sort=name --mtime=@0 \
    --owner=0 --group=0 --numeric-owner oci-layout index.json blobs
  mv -f "$K8S_BIN/pause-image.tar.tmp" "$K8S_BIN/pause-image.tar"
  rm -rf "$d"
  echo "$PIMG_STAMP" > "$K8S_BIN/.pause-image.tar.stamp"
fi
echo "build.sh: binaries in $K8S_BIN"
