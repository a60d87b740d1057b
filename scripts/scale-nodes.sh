#!/usr/bin/env bash
# Per-node scale of `escapekit run --nodes all`, measured with simulated nodes: a THROWAWAY
# control plane (etcd, kube-apiserver, controller-manager, scheduler on their own loopback
# ports and state directory, built from the binaries test/cluster/build.sh caches) and kwok
# (sigs.k8s.io/kwok, cached in /var/cache/escapekit/kwok) playing N nodes. Nothing touches the
# local test cluster: its fake nodes live and die with the throwaway API server.
#
# Measured: the orchestration path (namespaces, access reviews, dry runs, pod creation,
# scheduling, waiting, log reads, cleanup). kwok runs no containers, so every probe's log read
# fails (the fake kubelet endpoint is a closed loopback port) and each scenario reports an error:
# probe results are not measured here. API requests are counted from the API server's audit
# log (escapekit's own identity only).
#
# Usage: scripts/scale-nodes.sh [NODES...]   (default: 3 100 500); ESCAPEKIT_SCALE_SUITES.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
# shellcheck source=../test/cluster/versions.sh
. "$ROOT/test/cluster/versions.sh"
KWOK_VERSION=v0.8.0
KWOK_BIN=$ESCAPEKIT_CACHE/kwok/$KWOK_VERSION/bin/kwok
SIM=${ESCAPEKIT_SIM_DIR:-/tmp/escapekit-sim}
ETCD_PORT=23791 ETCD_PEER=23801 API_PORT=16443 DEAD_KUBELET_PORT=10299
SUITES=${ESCAPEKIT_SCALE_SUITES:-k8s-baseline}
if [ $# -gt 0 ]; then NODES=("$@"); else NODES=(3 100 500); fi
log() { printf '[scale-nodes +%ss] %s\n' "$SECONDS" "$*" >&2; }

for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  [ -x "$K8S_BIN/$b" ] || { echo "missing $K8S_BIN/$b: run test/cluster/build.sh" >&2; exit 1; }
done
if [ ! -x "$KWOK_BIN" ]; then
  log "building kwok $KWOK_VERSION into $(dirname "$KWOK_BIN") (once)"
  mkdir -p "$(dirname "$KWOK_BIN")"
  GOBIN=$(dirname "$KWOK_BIN") GOFLAGS=-buildvcs=false CGO_ENABLED=0 "$GO" install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
fi
for p in $ETCD_PORT $ETCD_PEER $API_PORT $DEAD_KUBELET_PORT; do
  ! ss -ltn "sport = :$p" | grep -q LISTEN || { echo "port $p is in use" >&2; exit 1; }
done

PIDS=()
stop() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${ESCAPEKIT_SIM_KEEP:-}" ] || rm -rf "$SIM"  # ESCAPEKIT_SIM_KEEP=1 keeps logs, audit and reports
}
trap stop EXIT
rm -rf "$SIM" && mkdir -p "$SIM/pki" "$SIM/log"
K="$K8S_BIN/kubectl --kubeconfig=$SIM/admin.kubeconfig"

# --- PKI: a CA, the server certificate, two admin identities (components; escapekit) and the SA key.
cd "$SIM/pki"
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=escapekit-sim-ca 2>/dev/null
cert() { # name CN O eku [san]
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$1.key" -subj "/O=$3/CN=$2" -out "$1.csr" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n%s' "$4" "${5:+subjectAltName=$5}" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -sha256 -extfile "$1.ext" -out "$1.crt" 2>/dev/null
}
cert apiserver kube-apiserver sim serverAuth IP:127.0.0.1
cert admin sim-admin system:masters clientAuth
cert escapekit escapekit-bench system:masters clientAuth
openssl genrsa -out sa.key 2048 2>/dev/null && openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
kubeconfig() { # file cert
  local k="$K8S_BIN/kubectl --kubeconfig=$1"
  $k config set-cluster sim --server="https://127.0.0.1:$API_PORT" --certificate-authority="$SIM/pki/ca.crt" --embed-certs >/dev/null
  $k config set-credentials "$2" --client-certificate="$SIM/pki/$2.crt" --client-key="$SIM/pki/$2.key" --embed-certs >/dev/null
  $k config set-context sim --cluster=sim --user="$2" >/dev/null && $k config use-context sim >/dev/null
}
kubeconfig "$SIM/admin.kubeconfig" admin
kubeconfig "$SIM/escapekit.kubeconfig" escapekit
cd "$ROOT"

# --- control plane
cat > "$SIM/audit.yaml" <<'YAML'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived, ResponseStarted]
rules:
- level: Metadata
  users: [escapekit-bench]
- level: None
YAML
cat > "$SIM/scheduler.yaml" <<YAML
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection: {kubeconfig: $SIM/admin.kubeconfig, qps: 1000, burst: 2000}
leaderElection: {leaderElect: false}
YAML
run() { local name=$1; shift; "$@" > "$SIM/log/$name.log" 2>&1 & PIDS+=($!); }
run etcd "$K8S_BIN/etcd" --name sim --data-dir "$SIM/etcd" --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-cluster "sim=http://127.0.0.1:$ETCD_PEER" \
  --unsafe-no-fsync --log-level error
run kube-apiserver "$K8S_BIN/kube-apiserver" --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" --service-cluster-ip-range=10.200.0.0/16 --endpoint-reconciler-type=none \
  --authorization-mode=RBAC --allow-privileged=true --client-ca-file="$SIM/pki/ca.crt" \
  --tls-cert-file="$SIM/pki/apiserver.crt" --tls-private-key-file="$SIM/pki/apiserver.key" \
  --kubelet-certificate-authority="$SIM/pki/ca.crt" --kubelet-preferred-address-types=InternalIP \
  --service-account-issuer=https://sim.invalid --service-account-key-file="$SIM/pki/sa.pub" \
  --service-account-signing-key-file="$SIM/pki/sa.key" \
  --audit-policy-file="$SIM/audit.yaml" --audit-log-path="$SIM/audit.log" --audit-log-format=json --profiling=false
for _ in $(seq 240); do [ "$($K get --raw /readyz 2>/dev/null)" = ok ] && break; sleep 0.5; done
[ "$($K get --raw /readyz 2>/dev/null)" = ok ] || { tail -20 "$SIM/log/kube-apiserver.log" >&2; exit 1; }
# Only what pods in fresh namespaces need: service accounts and namespace deletion (no node lifecycle: fake nodes send no heartbeat).
run kube-controller-manager "$K8S_BIN/kube-controller-manager" --kubeconfig="$SIM/admin.kubeconfig" --bind-address=127.0.0.1 --secure-port=0 \
  --leader-elect=false --controllers=serviceaccount-controller,namespace-controller,garbage-collector-controller \
  --service-account-private-key-file="$SIM/pki/sa.key" --root-ca-file="$SIM/pki/ca.crt" --kube-api-qps=500 --kube-api-burst=1000
run kube-scheduler "$K8S_BIN/kube-scheduler" --config="$SIM/scheduler.yaml" --bind-address=127.0.0.1 --secure-port=0

# --- kwok: nodes Ready at once; pods Running, then Succeeded; its kubelet endpoint is a closed port.
{
  for s in node/fast/node-initialize pod/fast/pod-ready pod/fast/pod-delete; do
    cat "$GOMODCACHE/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage/$s.yaml"
    echo '---'
  done
  # kwok's own pod-complete, without its "owned by a Job" condition.
  sed '/ownerReferences/,/- .Job./d' "$GOMODCACHE/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage/pod/fast/pod-complete.yaml"
} > "$SIM/kwok.yaml"
run kwok "$KWOK_BIN" --kubeconfig="$SIM/admin.kubeconfig" --config="$SIM/kwok.yaml" --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake --node-ip=127.0.0.1 --node-port="$DEAD_KUBELET_PORT"
for _ in $(seq 120); do $K get serviceaccount default >/dev/null 2>&1 && break; sleep 0.5; done

node_yaml() { # from to
  for i in $(seq "$1" "$2"); do
    printf -- '---\napiVersion: v1\nkind: Node\nmetadata:\n  name: fake-%04d\n  annotations: {kwok.x-k8s.io/node: fake}\n  labels: {kubernetes.io/hostname: fake-%04d, type: kwok}\n' "$i" "$i"
  done
}
audit_count() { [ -f "$SIM/audit.log" ] && wc -l < "$SIM/audit.log" || echo 0; }

printf '| nodes | scenarios | probe pods | wall time (whole command) | API requests | by verb | HTTP 429 |\n| ---: | ---: | ---: | ---: | ---: | --- | ---: |\n'
have=0
for n in "${NODES[@]}"; do
  if [ "$n" -gt "$have" ]; then node_yaml $((have + 1)) "$n" | $K apply -f - >/dev/null; have=$n; fi
  for _ in $(seq 600); do
    ready=$($K get nodes -l type=kwok -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True || true)
    [ "$ready" -ge "$n" ] && break; sleep 0.5
  done
  # The API server taints new nodes not-ready; the node lifecycle controller (not run here: fake nodes send no heartbeats) would lift it.
  $K taint nodes -l type=kwok node.kubernetes.io/not-ready:NoSchedule- >/dev/null 2>&1 || true
  before=$(audit_count)
  t0=$(date +%s.%N)
  suite_args=(); for s in $SUITES; do suite_args+=(--suite "$s"); done
  node "$ROOT/bin/escapekit.js" run -q --target kubernetes --kubeconfig "$SIM/escapekit.kubeconfig" --image escapekit/probe:simulated \
    --nodes all "${suite_args[@]}" --report "json=$SIM/report-$n.json" > "$SIM/log/run-$n.log" 2>&1 || true
  t1=$(date +%s.%N)
  sleep 1  # audit events of the last responses
  tail -n +$((before + 1)) "$SIM/audit.log" > "$SIM/audit-$n.log"
  requests=$(wc -l < "$SIM/audit-$n.log")
  verbs=$(jq -r '.verb + " " + (.objectRef.resource // "-") + (if .objectRef.subresource then "/" + .objectRef.subresource else "" end)' "$SIM/audit-$n.log" | sort | uniq -c | sort -rn | awk '{printf "%s%s %s", (NR>1?", ":""), $2" "$3, $1}')
  too_many=$(jq -r 'select(.responseStatus.code == 429) | .auditID' "$SIM/audit-$n.log" | wc -l)
  pods=$(jq '[.scenarios[] | select(.admission == "allowed")] | length' "$SIM/report-$n.json" 2>/dev/null || echo '?')
  scenarios=$(jq '.summary.scenarios' "$SIM/report-$n.json" 2>/dev/null || echo '?')
  printf '| %s | %s | %s | %.1f s | %s | %s | %s |\n' "$n" "$scenarios" "$pods" "$(echo "$t1 - $t0" | bc)" "$requests" "$verbs" "$too_many"
  # Errors by kind, for the notes under the table.
  jq -r '.scenarios[].error // "none"' "$SIM/report-$n.json" 2>/dev/null | sed 's/fake-[0-9]*/fake-N/g; s/-[a-z0-9]\{6\}\b/-X/g' | cut -c1-100 | sort | uniq -c >&2 || tail -5 "$SIM/log/run-$n.log" >&2
  # Leave the API server as found: the run's namespaces must be gone before the next size.
  for _ in $(seq 240); do [ -z "$($K get ns -l escapekit.io/run-id -o name)" ] && break; sleep 0.5; done
done
