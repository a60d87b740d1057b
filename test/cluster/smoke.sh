#!/usr/bin/env bash
# End-to-end smoke test of the local cluster (run after up.sh). Builds a tiny
# FROM-scratch busybox image, loads it into the cluster and checks:
#  a) PodSecurity restricted namespace: privileged pod rejected, compliant pod runs
#  b) privileged namespace: privileged + hostPID + hostNetwork + hostPath=/ works
#  c) a pod reaches the API server through the kubernetes Service
#  d) a pod reaches the kubelet port 10250 of the node IP
# Cleans up its namespaces. Prints "N passed, N failed"; exit 1 on failure.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
IMG=escapekit.local/bb:1
NS_R=escapekit-smoke-restricted
NS_P=escapekit-smoke-privileged
NS_N=escapekit-smoke-normal
PASS=0 FAILED=0
ok() { PASS=$((PASS + 1)); echo "PASS: $*"; }
ko() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }

cleanup() { kctl delete ns "$NS_R" "$NS_P" "$NS_N" --ignore-not-found --wait=false >/dev/null 2>&1; }
trap cleanup EXIT

# ---- image
if ! docker image inspect "$IMG" >/dev/null 2>&1; then
  d=$(mktemp -d); cp /bin/busybox "$d/busybox"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\n' > "$d/Dockerfile"
  docker build -q -t "$IMG" "$d" >/dev/null || { echo "docker build failed"; exit 1; }
  rm -rf "$d"
fi
"$HERE/load-image.sh" "$IMG" || exit 1

for ns in "$NS_R" "$NS_P" "$NS_N"; do kctl create ns "$ns" >/dev/null 2>&1 || true; done
kctl label ns "$NS_R" pod-security.kubernetes.io/enforce=restricted --overwrite >/dev/null
kctl label ns "$NS_P" pod-security.kubernetes.io/enforce=privileged --overwrite >/dev/null
# wait for the namespaces' default service accounts
for ns in "$NS_R" "$NS_P" "$NS_N"; do
  for _ in $(seq 60); do kctl -n "$ns" get sa default >/dev/null 2>&1 && break; sleep 0.5; done
done

run_pod() { # ns name manifest(yaml on stdin) -> waits for completion, prints logs
  local ns=$1 name=$2 phase
  kctl -n "$ns" apply -f - >/dev/null || return 1
  for _ in $(seq 120); do
    phase=$(kctl -n "$ns" get pod "$name" -o jsonpath='{.status.phase}' 2>/dev/null)
    case $phase in Succeeded | Failed) break ;; esac
    sleep 0.5
  done
  echo "phase=$phase"
  kctl -n "$ns" logs "$name" 2>&1
}

# ---- a) restricted namespace
out=$(kctl -n "$NS_R" apply -f - 2>&1 <<YAML
apiVersion: v1
kind: Pod
metadata: {name: priv}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: $IMG
    imagePullPolicy: Never
    command: ["/bin/sh", "-c", "id"]
    securityContext: {privileged: true}
YAML
)
if echo "$out" | has 'violates PodSecurity "restricted'; then ok "a1 privileged pod rejected in restricted ns"; else ko "a1 privileged pod not rejected: $out"; fi

out=$(run_pod "$NS_R" compliant <<YAML
apiVersion: v1
kind: Pod
metadata: {name: compliant}
spec:
  restartPolicy: Never
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: c
    image: $IMG
    imagePullPolicy: Never
    command: ["/bin/sh", "-c", "id; grep -E '^(Seccomp|CapEff):' /proc/self/status"]
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: ["ALL"]}
YAML
)
if echo "$out" | has 'phase=Succeeded' && echo "$out" | has 'uid=1000' && echo "$out" | has -E 'Seccomp:\s+2'; then
  ok "a2 restricted-compliant pod ran (uid 1000, seccomp filter on)"
else ko "a2 compliant pod: $out"; fi

# ---- b) privileged namespace: host access
host_init=$(tr '\0' ' ' < /proc/1/cmdline | cut -c1-60)
out=$(run_pod "$NS_P" hostpod <<YAML
apiVersion: v1
kind: Pod
metadata: {name: hostpod}
spec:
  restartPolicy: Never
  hostPID: true
  hostNetwork: true
  containers:
  - name: c
    image: $IMG
    imagePullPolicy: Never
    command: ["/bin/sh", "-c", "tr '\\\\0' ' ' < /proc/1/cmdline; echo; grep CapEff /proc/self/status; ls /host/etc/hostname"]
    securityContext: {privileged: true}
    volumeMounts: [{name: host, mountPath: /host, readOnly: true}]
  volumes:
  - name: host
    hostPath: {path: /, type: Directory}
YAML
)
if echo "$out" | has 'phase=Succeeded' && echo "$out" | has -F "$host_init" && echo "$out" | has '/host/etc/hostname'; then
  ok "b privileged+hostPID+hostNetwork+hostPath pod sees host init ($host_init)"
else ko "b host pod: $out"; fi

# ---- c) + d) API server via the kubernetes Service, kubelet port on the node IP
out=$(run_pod "$NS_N" netpod <<YAML
apiVersion: v1
kind: Pod
metadata: {name: netpod}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: $IMG
    imagePullPolicy: Never
    command: ["/bin/sh", "-c", "echo API=\$KUBERNETES_SERVICE_HOST:\$KUBERNETES_SERVICE_PORT; wget -qO- --no-check-certificate https://\$KUBERNETES_SERVICE_HOST:\$KUBERNETES_SERVICE_PORT/version; echo; wget -qO- --no-check-certificate https://$NODE_IP:10250/pods 2>&1 | head -c 300"]
YAML
)
if echo "$out" | has "API=$SERVICE_APISERVER_IP:443" && echo "$out" | has "\"gitVersion\": \"$KUBE_VERSION\""; then
  ok "c pod reached the API server through the kubernetes Service ($SERVICE_APISERVER_IP:443)"
else ko "c API from pod: $out"; fi
if echo "$out" | has -E '401 Unauthorized|403 Forbidden'; then
  ok "d pod reached kubelet $NODE_IP:10250 (HTTP 401 without credentials)"
else ko "d kubelet from pod: $out"; fi

echo "$PASS passed, $FAILED failed"
[ "$FAILED" = 0 ]
