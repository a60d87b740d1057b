/**
 * Advisory: is route_localnet set in the host network namespace (CVE-2020-8558 class)? Boundary:
 * host-network, because what it exposes is the host's network stack (services bound to the node's
 * 127.0.0.1) to other network namespaces and adjacent hosts; nothing is written or writable, so it
 * is not a kernel-interfaces finding. The host's value can only be read from the host network
 * namespace. Advisory because the sysctl alone is not the exposure: kube-proxy since the fix keeps
 * route_localnet=1 and drops martian packets to 127.0.0.0/8 with an iptables rule that the probe
 * cannot read without CAP_NET_ADMIN; a set value is "possible", never broken.
 */
import * as s from '../lib/shape.js';
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { listDir, readLink, readTrimmed } from '../lib/fs.js';
import { isInitialNamespace, nsInode } from '../lib/ns.js';
import { classifyInterfaces } from '../lib/netinfo.js';

/** route_localnet of one entry under /proc/sys/net/ipv4/conf (an interface, `all` or `default`). */
interface RouteLocalnet {
  name: string;
  /** The sysctl's text ("0" / "1"), null when unreadable. */
  value: string | null;
}

interface RouteLocalnetEvidence extends Evidence {
  netNamespace: string | null;
  kernelRelease: string | null;
  /** Whether /proc/sys/net/ipv4/conf could be listed. */
  listed: boolean;
  /** At most MAX_ENTRIES entries, `all` and `default` first. */
  entries: RouteLocalnet[];
  /** More entries existed than were read. */
  truncated: boolean;
}

const MAX_ENTRIES = 64;

function judge(e: RouteLocalnetEvidence): Verdict {
  if (!e || e.listed !== true || !Array.isArray(e.entries) || e.entries.length === 0) return { status: 'inconclusive', summary: '/proc/sys/net/ipv4/conf unreadable' };
  const entries = e.entries.filter((x) => typeof x?.name === 'string');
  const set = entries.filter((x) => x.value === '1');
  const names = entries.map((x) => x.name);
  const initial = isInitialNamespace('net', nsInode(e.netNamespace), e.kernelRelease);
  // Host-only interfaces (bridges, veth ends, NICs) also show the node's namespace when the node is itself a container.
  const host = initial === true || classifyInterfaces(names).host.length > 0;
  if (!host) {
    if (initial === false) return { status: 'not-applicable', summary: `own network namespace (${e.netNamespace}): the host's route_localnet is not visible from here${set.length ? `; this namespace sets it on ${set.map((x) => x.name).join(', ')}` : ''}` };
    if (set.length) return { status: 'inconclusive', summary: `route_localnet=1 on ${set.map((x) => x.name).join(', ')}, in a network namespace that cannot be told apart from the host's (kernel ${typeof e.kernelRelease === 'string' ? e.kernelRelease : '?'})` };
    return { status: 'not-applicable', summary: 'route_localnet is 0 everywhere, and this network namespace cannot be shown to be the host\'s' };
  }
  if (set.length > 0) return { status: 'inconclusive', summary: `possible CVE-2020-8558 exposure: route_localnet=1 in the host network namespace on ${set.slice(0, 6).map((x) => x.name).join(', ')}${set.length > 6 ? ` and ${set.length - 6} more` : ''}; services bound to the node's 127.0.0.1 are reachable from other network namespaces unless a firewall rule drops non-local packets to 127.0.0.0/8 (not readable without CAP_NET_ADMIN)` };
  const unread = entries.filter((x) => x.value !== '0');
  if (unread.length > 0 || e.truncated === true) return { status: 'inconclusive', summary: `host network namespace: route_localnet ${e.truncated === true ? 'not read on every interface' : `unreadable on ${unread.map((x) => x.name).join(', ')}`}` };
  return { status: 'holds', summary: `route_localnet=0 on all ${entries.length} entries of the host network namespace (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', ...' : ''})` };
}

export default defineCheck<RouteLocalnetEvidence>({
  id: 'route-localnet',
  boundary: 'host-network',
  title: 'route_localnet enabled on the host (node loopback reachable)',
  rationale: 'With net.ipv4.conf.*.route_localnet=1 (set by kube-proxy for localhost NodePorts) the host routes packets addressed to 127.0.0.1 that arrive from other network namespaces and adjacent hosts: services that trust the loopback (kubelet read-only ports, etcd, runtime APIs, debug endpoints) become reachable from pods (CVE-2020-8558).',
  method: 'Reads route_localnet under /proc/sys/net/ipv4/conf for all, default and every interface (read-only) and decides from /proc/self/ns/net and host-only interface names whether these are the host network namespace\'s values; a private network namespace cannot see the host\'s values (not applicable).',
  remediation: 'Upgrade kube-proxy past the CVE-2020-8558 fix and set --iptables-localhost-nodeports=false (or nodePortAddresses without 127.0.0.0/8); drop martian packets to 127.0.0.0/8 on non-loopback interfaces; never bind sensitive services to loopback only as their protection.',
  severity: 'medium',
  advisory: true,
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1046' },
    { framework: 'cis-kubernetes', id: '5.2.5' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
    { framework: 'nist-800-190', id: '4.4.2' },
  ],
  evidence: s.object({
    netNamespace: s.nullable(s.string({ max: 100 })),
    kernelRelease: s.nullable(s.string({ max: 200 })),
    listed: s.boolean(),
    entries: s.array(s.object({ name: s.string({ max: 64 }), value: s.nullable(s.string({ max: 16 })) }), { max: MAX_ENTRIES }),
    truncated: s.boolean(),
  }),
  async collect() {
    const [netNamespace, kernelRelease, names] = await Promise.all([readLink('/proc/self/ns/net'), readTrimmed('/proc/sys/kernel/osrelease'), listDir('/proc/sys/net/ipv4/conf')]);
    const ordered = names ? [...names.filter((n) => n === 'all' || n === 'default'), ...names.filter((n) => n !== 'all' && n !== 'default').sort()] : [];
    const entries = await Promise.all(ordered.slice(0, MAX_ENTRIES).map(async (name): Promise<RouteLocalnet> => ({ name, value: await readTrimmed(`/proc/sys/net/ipv4/conf/${name}/route_localnet`) })));
    return { netNamespace, kernelRelease, listed: names !== null, entries, truncated: ordered.length > MAX_ENTRIES };
  },
  evaluate: judge,
});
