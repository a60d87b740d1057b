# shellcheck shell=bash disable=SC2034
# Configuration files for the local cluster (sourced by up.sh). Rewritten on
# every start; they only depend on versions.sh.

write_configs() {
  mkdir -p "$CONF" "$CNI_CONF_DIR"

  # Separate containerd instance for Kubernetes (Docker keeps its own).
  cat > "$CONF/containerd.toml" <<TOML
version = 2
root = "$CONTAINERD_ROOT"
state = "$CONTAINERD_STATE"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp"]

[grpc]
  address = "$CONTAINERD_SOCK"

[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"

[debug]
  address = ""

[metrics]
  address = ""

[plugins."io.containerd.internal.v1.opt"]
  path = "$CONTAINERD_ROOT/opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  restrict_oom_score_adj = true
  enable_selinux = false
  disable_apparmor = true
  max_container_log_line_size = 16384

  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    discard_unpacked_layers = false

    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"

      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$K8S_RUN/runc"

  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CNI_CONF_DIR"
    max_conf_num = 1

  # No registry is reachable, and none may be contacted: every pull, for any
  # registry, goes to a closed local port (see certs.d/_default/hosts.toml).
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$CONF/certs.d"
TOML
  mkdir -p "$CONF/certs.d/_default"
  cat > "$CONF/certs.d/_default/hosts.toml" <<TOML
# Catch-all registry host for the escapekit cluster's containerd: images must
# be imported (load-image.sh); a pull fails fast instead of leaving the host.
# (A [host] table is required: without one containerd 1.6 ignores the file.)
server = "http://127.0.0.1:1"

[host."http://127.0.0.1:1"]
  capabilities = ["pull", "resolve"]
TOML

  # ptp + host-local: no bridge, so no br_netfilter needed. No masquerading:
  # pod traffic may not leave this machine anyway (see ESCAPEKIT-FORWARD).
  cat > "$CNI_CONF_DIR/10-escapekit.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "escapekit",
  "plugins": [
    {
      "type": "ptp",
      "ipMasq": false,
      "ipam": {
        "type": "host-local",
        "dataDir": "$CNI_IPAM_DIR",
        "ranges": [[{ "subnet": "$POD_CIDR" }]],
        "routes": [{ "dst": "0.0.0.0/0" }]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
JSON

  # PodSecurity defaults: privileged; namespaces opt in with
  # pod-security.kubernetes.io/enforce=restricted|baseline labels.
  cat > "$CONF/admission.yaml" <<YAML
apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
  - name: PodSecurity
    configuration:
      apiVersion: pod-security.admission.config.k8s.io/v1
      kind: PodSecurityConfiguration
      defaults:
        enforce: privileged
        enforce-version: latest
        audit: privileged
        audit-version: latest
        warn: privileged
        warn-version: latest
      exemptions:
        usernames: []
        runtimeClasses: []
        namespaces: []
YAML

  cat > "$CONF/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: $PKI/ca.crt
authorization:
  mode: Webhook
tlsCertFile: $PKI/kubelet.crt
tlsPrivateKeyFile: $PKI/kubelet.key
healthzBindAddress: 127.0.0.1
healthzPort: 10248
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
imageServiceEndpoint: unix://$CONTAINERD_SOCK
failSwapOn: false
failCgroupV1: false
protectKernelDefaults: false
oomScoreAdj: 0
# containerd 1.6 cannot pin the (locally imported) pause image: never GC images.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
imageMinimumGCAge: 87600h
serializeImagePulls: false
evictionHard:
  memory.available: "100Mi"
  nodefs.available: "1%"
  nodefs.inodesFree: "1%"
  imagefs.available: "1%"
clusterDomain: cluster.local
resolvConf: $K8S_STATE/resolv.conf
podLogsDir: $K8S_STATE/pod-logs
rotateCertificates: false
serverTLSBootstrap: false
registerNode: true
maxPods: 110
YAML

  cat > "$CONF/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: $CONF/kube-proxy.kubeconfig
mode: iptables
clusterCIDR: $POD_CIDR
hostnameOverride: $NODE_NAME
bindAddress: 0.0.0.0
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
oomScoreAdj: 0
nodePortAddresses: ["$NODE_IP/32"]
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
YAML
}
