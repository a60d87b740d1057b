#!/usr/bin/env bash
# Import local Docker image(s) into the cluster's containerd (namespace k8s.io)
# so pods can use them with imagePullPolicy: Never (or IfNotPresent).
# Usage: load-image.sh IMAGE [IMAGE...]    e.g. load-image.sh escapekit.local/bb:1
# Reference the image in pods exactly as tagged in Docker (a name without a
# registry, e.g. "bb:1", becomes docker.io/library/bb:1, which also matches).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
[ $# -ge 1 ] || { echo "usage: $0 IMAGE [IMAGE...]" >&2; exit 2; }
comp_pid containerd >/dev/null || { echo "load-image.sh: cluster containerd is not running (run up.sh)" >&2; exit 1; }
for img in "$@"; do
  docker image inspect "$img" >/dev/null || { echo "load-image.sh: no local docker image $img" >&2; exit 1; }
  docker save "$img" | ctr_k8s images import - >/dev/null
  log "imported $img into the cluster's containerd"
done
