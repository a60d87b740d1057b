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
  echo "build.sh: building escapekit-k8s $KUBE_VERSION (cold: ~20-30 min on 2 cores) ..."
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
echo "build.sh: binaries in $K8S_BIN"
