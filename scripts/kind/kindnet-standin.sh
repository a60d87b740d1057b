#!/bin/bash
# escapekit's stand-in for kindnetd in the offline kind node image (kindnet's source is not
# served by the Go module proxy). It does the part of kindnetd a kind cluster needs to reach
# Ready and route pods between nodes: writes this node's CNI config (ptp + host-local on the
# node's podCIDR + portmap) and keeps a route to every other node's podCIDR via its InternalIP.
# No masquerading and no network policy (nothing here leaves the machine's docker network).
# Runs in kind's kindnet DaemonSet (hostNetwork, NET_ADMIN), with its service account.
set -u
conf=/etc/cni/net.d/10-kindnet.conflist
write_conf() { # podCIDR
  local tmp=$conf.tmp
  cat > "$tmp" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "kindnet",
  "plugins": [
    {
      "type": "ptp",
      "ipMasq": false,
      "mtu": 1500,
      "ipam": {
        "type": "host-local",
        "dataDir": "/run/cni-ipam-state",
        "routes": [{ "dst": "0.0.0.0/0" }],
        "ranges": [[{ "subnet": "$1" }]]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
  if ! cmp -s "$tmp" "$conf"; then mv -f "$tmp" "$conf"; echo "wrote $conf for podCIDR $1"; else rm -f "$tmp"; fi
}

echo "escapekit kindnet stand-in on ${HOST_IP:-?} (pod subnet ${POD_SUBNET:-?})"
while true; do
  if nodes=$(kubectl get nodes -o jsonpath='{range .items[*]}{.spec.podCIDR}{" "}{.status.addresses[?(@.type=="InternalIP")].address}{"\n"}{end}' 2>&1); then
    while read -r cidr ip; do
      [ -n "$cidr" ] && [ -n "$ip" ] || continue
      if [ "$ip" = "${HOST_IP:-}" ]; then
        write_conf "$cidr"
      else
        [ -n "$(ip route show "$cidr" 2>/dev/null)" ] || echo "route $cidr via $ip"
        ip route replace "$cidr" via "$ip"
      fi
    done <<< "$nodes"
  else
    echo "listing nodes failed: $nodes"
  fi
  sleep 5
done
