/** /proc/net parsers: unix sockets, interfaces, default gateway, host-only names. */
import test from 'ava';
import { classifyInterfaces, defaultGateways, hexToIpv4, hostUnixSockets, parseNetDev, parseNetUnix } from '../../../probes/lib/netinfo.js';

const UNIX = `Num       RefCount Protocol Flags    Type St Inode Path
00000000742ae0ef: 00000002 00000000 00010000 0001 01  7333 /var/run/docker.sock
00000000dc47c36d: 00000003 00000000 00000000 0001 03  7347
0000000031be2921: 00000002 00000000 00010000 0001 01 79235 @/containerd-shim/moby/0123/shim.sock@@
000000008f360f93: 00000002 00000000 00000000 0002 01  7331 @13a72
00000000aaaaaaaa: 00000002 00000000 00000000 0001 01  7332 /tmp/my socket
`;

test('parseNetUnix keeps bound sockets, marks abstract and listening ones', (t) => {
  const s = parseNetUnix(UNIX);
  t.deepEqual(s.map((x) => x.path), ['/var/run/docker.sock', '@/containerd-shim/moby/0123/shim.sock@@', '@13a72', '/tmp/my socket']);
  t.true(s[0].listening);
  t.false(s[0].abstract);
  t.true(s[1].abstract);
  t.false(s[2].listening);
});

test('hostUnixSockets picks runtime, systemd and shim sockets only', (t) => {
  t.deepEqual(hostUnixSockets(parseNetUnix(UNIX)), ['/var/run/docker.sock', '@/containerd-shim/moby/0123/shim.sock@@']);
});

test('parseNetDev lists interfaces', (t) => {
  const dev = `Inter-|   Receive |  Transmit
 face |bytes packets|bytes
    lo:    3293      31    0
  eth0: 529011023   33261    0
docker0:       0       0    0
`;
  t.deepEqual(parseNetDev(dev), ['lo', 'eth0', 'docker0']);
});

test('classifyInterfaces separates host-only names from per-namespace and container ones', (t) => {
  const c = classifyInterfaces(['lo', 'eth0', 'tunl0', 'sit0', 'docker0', 'veth8d37659', 'cni0', 'enp0s3', 'br-dbeb183d2020']);
  t.deepEqual(c.host, ['docker0', 'veth8d37659', 'cni0', 'enp0s3', 'br-dbeb183d2020']);
  t.deepEqual(c.perNamespace, ['lo', 'tunl0', 'sit0']);
  t.deepEqual(c.other, ['eth0']);
});

test('defaultGateways decodes little-endian hex and needs the gateway flag', (t) => {
  const route = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
eth0\t00000000\t0100A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
eth0\t0000A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
`;
  t.deepEqual(defaultGateways(route), [{ iface: 'eth0', gateway: '192.168.0.1' }]);
  t.is(hexToIpv4('0101A8C0'), '192.168.1.1');
  t.is(hexToIpv4('xyz'), null);
  t.deepEqual(defaultGateways('Iface\tDestination\n'), []);
});
