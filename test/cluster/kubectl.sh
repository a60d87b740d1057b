#!/usr/bin/env bash
# kubectl (built by build.sh) against the local cluster: kubectl.sh get pods -A
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
. "$HERE/versions.sh"
exec "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_PATH" --context "$KUBE_CONTEXT" "$@"
