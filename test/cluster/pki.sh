# shellcheck shell=bash disable=SC2034
# Certificates and kubeconfigs for the local cluster (sourced by up.sh).
# Everything lives in $PKI; certificates are reused while the CA and the
# stamp (node IP/name, service IP) are unchanged.

pki_stamp() { echo "v1 $NODE_IP $NODE_NAME $SERVICE_APISERVER_IP"; }

mkcert() { # name CN O(optional) extendedKeyUsage subjectAltName(optional)
  local name=$1 cn=$2 o=$3 eku=$4 san=${5:-}
  local subj="/CN=$cn"
  [ -n "$o" ] && subj="/O=$o$subj"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr" 2>/dev/null
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    [ -n "$san" ] && echo "subjectAltName=$san"
  } > "$PKI/$name.ext"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$PKI/$name.ext"
  chmod 600 "$PKI/$name.key"
}

mkkubeconfig() { # file user cert-name server
  local file=$1 user=$2 cert=$3 server=$4 k="$K8S_BIN/kubectl --kubeconfig=$1"
  rm -f "$file"
  $k config set-cluster escapekit --server="$server" --certificate-authority="$PKI/ca.crt" --embed-certs=true >/dev/null
  $k config set-credentials "$user" --client-certificate="$PKI/$cert.crt" --client-key="$PKI/$cert.key" --embed-certs=true >/dev/null
  $k config set-context "$KUBE_CONTEXT" --cluster=escapekit --user="$user" >/dev/null
  $k config use-context "$KUBE_CONTEXT" >/dev/null
  chmod 600 "$file"
}

gen_pki() {
  mkdir -p "$PKI" "$CONF"
  chmod 700 "$PKI"
  if [ -f "$PKI/stamp" ] && [ "$(cat "$PKI/stamp")" = "$(pki_stamp)" ] && [ -f "$PKI/kubelet.crt" ] &&
     [ -f "$KUBECONFIG_PATH" ] && [ -f "$CONF/kubelet.kubeconfig" ]; then
    log "pki: reusing certificates in $PKI"
    return 0
  fi
  log "pki: generating CA, certificates and kubeconfigs in $PKI"
  rm -f "$PKI"/*
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$PKI/ca.key" -out "$PKI/ca.crt" -days 3650 -subj "/CN=escapekit-local-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  chmod 600 "$PKI/ca.key"
  mkcert apiserver kube-apiserver "" serverAuth \
    "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,DNS:$NODE_NAME,IP:$SERVICE_APISERVER_IP,IP:127.0.0.1,IP:$NODE_IP"
  mkcert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters clientAuth
  mkcert admin kubernetes-admin system:masters clientAuth
  mkcert controller-manager system:kube-controller-manager "" clientAuth
  mkcert scheduler system:kube-scheduler "" clientAuth
  mkcert kube-proxy system:kube-proxy "" clientAuth
  mkcert kubelet-client "system:node:$NODE_NAME" system:nodes clientAuth
  mkcert kubelet "$NODE_NAME" "" serverAuth "DNS:$NODE_NAME,DNS:localhost,IP:$NODE_IP,IP:127.0.0.1"
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  chmod 600 "$PKI/sa.key"
  local local_api=https://127.0.0.1:6443
  mkkubeconfig "$CONF/controller-manager.kubeconfig" system:kube-controller-manager controller-manager "$local_api"
  mkkubeconfig "$CONF/scheduler.kubeconfig" system:kube-scheduler scheduler "$local_api"
  mkkubeconfig "$CONF/kube-proxy.kubeconfig" system:kube-proxy kube-proxy "$local_api"
  mkkubeconfig "$CONF/kubelet.kubeconfig" "system:node:$NODE_NAME" kubelet-client "$local_api"
  mkkubeconfig "$KUBECONFIG_PATH.tmp" kubernetes-admin admin "$local_api"
  mv -f "$KUBECONFIG_PATH.tmp" "$KUBECONFIG_PATH"
  pki_stamp > "$PKI/stamp"
}
