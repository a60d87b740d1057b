/** Parsers for the network views of /proc/net (pure functions over text). */

/** One row of /proc/net/unix. */
export interface UnixSocketEntry {
  /** Bound path; abstract names start with `@`. */
  path: string;
  abstract: boolean;
  /** True for a listening socket (state 01 with the __SO_ACCEPTCON flag). */
  listening: boolean;
}

/** Parses /proc/net/unix, keeping bound sockets only (unnamed ones carry no information). */
export function parseNetUnix(text: string): UnixSocketEntry[] {
  const out: UnixSocketEntry[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 8) continue;
    const path = cols.slice(7).join(' ');
    out.push({ path, abstract: path.startsWith('@'), listening: cols[3] === '00010000' });
  }
  return out;
}

/** Interface names of /proc/net/dev. */
export function parseNetDev(text: string): string[] {
  return text
    .split('\n')
    .slice(2)
    .map((l) => /^\s*([^:\s]+):/.exec(l)?.[1])
    .filter((n): n is string => Boolean(n));
}

/** Converts the little-endian hex of /proc/net/route to a dotted IPv4 address. */
export function hexToIpv4(hex: string): string | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const n = parseInt(hex, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff].join('.');
}

/** The default IPv4 gateway(s) of /proc/net/route: rows with destination 0.0.0.0, mask 0 and the gateway flag. */
export function defaultGateways(routeText: string): Array<{ iface: string; gateway: string }> {
  const out: Array<{ iface: string; gateway: string }> = [];
  for (const line of routeText.split('\n').slice(1)) {
    const c = line.trim().split(/\s+/);
    if (c.length < 8 || c[1] !== '00000000' || c[7] !== '00000000') continue;
    const flags = parseInt(c[3], 16);
    const gateway = hexToIpv4(c[2]);
    if (gateway && gateway !== '0.0.0.0' && (flags & 0x2) !== 0) out.push({ iface: c[0], gateway });
  }
  return out;
}

/** Fallback tunnel devices the kernel creates in every network namespace when their module is loaded. */
const PER_NETNS_DEVICES = /^(lo|tunl0|sit0|ip6tnl0|ip6gre0|gre0|gretap0|erspan0|ip_vti0|ip6_vti0|ip6erspan0|nlmon\d*)$/;

/** Interfaces that only a host (or a node) network namespace carries: bridges, veth ends, CNI and physical NICs. */
const HOST_DEVICE = /^(docker\d+|br-[0-9a-f]+|veth.+|cni\d+|flannel.*|cali.+|cilium_.+|lxc.+|weave|vxlan.*|kube-.+|virbr\d+|podman\d+|cbr0|en[ospx].+|wl.+|ens\d+|eno\d+|bond\d+|nodelocaldns|tailscale\d+|wg\d+|genev_sys_.+)$/;

/** Splits interface names into host-only ones and the rest (the container's own `eth0`-like links). */
export function classifyInterfaces(names: readonly string[]): { host: string[]; perNamespace: string[]; other: string[] } {
  const host = names.filter((n) => HOST_DEVICE.test(n));
  const perNamespace = names.filter((n) => PER_NETNS_DEVICES.test(n));
  const other = names.filter((n) => !host.includes(n) && !perNamespace.includes(n));
  return { host, perNamespace, other };
}

/** Unix socket paths that host daemons bind in the host network namespace (systemd, runtimes, kubelet, D-Bus). */
const HOST_SOCKET = /^(\/run|\/var\/run)\/(systemd\/|docker|containerd|crio|dbus\/|user\/\d+|podman|k3s|udev\/|snapd)|^\/var\/lib\/kubelet\/|^@\/containerd-shim\/|^@\/org\/kernel\//;

/** Unix sockets whose path marks the host network namespace. */
export function hostUnixSockets(entries: readonly UnixSocketEntry[]): string[] {
  return [...new Set(entries.filter((e) => HOST_SOCKET.test(e.path)).map((e) => e.path))];
}
