/** The cloud metadata check's collect step against loopback stand-ins (never a real metadata address). */
import test from 'ava';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import check, { METADATA_ADDRESS_ENV, METADATA_ENDPOINTS } from '../../../probes/cloud-metadata/cloud-metadata-reachable.js';

const ctx = { target: 'docker' as const, network: true, timeoutMs: 3000 };
type Probe = { endpoint: string; address: string; path: string; status: number | null };
const collect = async () => (await check.collect(ctx)) as { probes: Probe[] };

async function server(handler: http.RequestListener): Promise<{ port: number; close: () => void }> {
  const srv = http.createServer(handler);
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return { port: (srv.address() as AddressInfo).port, close: () => srv.close() };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = await server((_q, r) => r.end());
  s.close();
  return s.port;
}

/** Maps every known metadata address to a loopback port. */
const mapAll = (ports: Record<string, number>) => { process.env[METADATA_ADDRESS_ENV] = Object.entries(ports).map(([host, port]) => `${host}=127.0.0.1:${port}`).join(','); };

test.afterEach.always(() => { delete process.env[METADATA_ADDRESS_ENV]; });

test.serial('every known address is tried: only Alibaba answering is broken', async (t) => {
  const seen: string[] = [];
  const alibaba = await server((req, res) => { seen.push(`${req.method} ${req.url}`); res.end('instance-id\n'); });
  const none = await closedPort();
  mapAll({ '169.254.169.254': none, 'fd00:ec2::254': none, '100.100.100.200': alibaba.port });
  const e = await collect();
  alibaba.close();
  t.deepEqual([...new Set(e.probes.map((p) => p.endpoint))].sort(), METADATA_ENDPOINTS.map((x) => x.id).sort());
  const v = check.evaluate(e);
  t.is(v.status, 'broken');
  t.regex(v.summary, /100\.100\.100\.200:80 answers \/latest\/meta-data\/ with 200/);
  t.deepEqual(seen, ['GET /latest/meta-data/']);
  t.is(check.evidence!.check(e, 'evidence'), null);
});

test.serial('AWS IPv6 answering is broken; an IMDSv2 401 alone is inconclusive', async (t) => {
  const v6 = await server((_q, res) => res.end('ami-id\n'));
  const none = await closedPort();
  mapAll({ '169.254.169.254': none, 'fd00:ec2::254': v6.port, '100.100.100.200': none });
  t.is(check.evaluate(await collect()).status, 'broken');
  v6.close();
  const v2 = await server((_q, res) => { res.statusCode = 401; res.end(); });
  mapAll({ '169.254.169.254': v2.port, 'fd00:ec2::254': none, '100.100.100.200': none });
  const e = await collect();
  v2.close();
  t.is(check.evaluate(e).status, 'inconclusive');
  t.is(e.probes.filter((p) => p.endpoint === 'link-local').length, 4, 'every link-local path asked while the address answers without 2xx');
});

test.serial('Azure: 400 on / leads on to the instance endpoint; GCP and Azure headers are sent; only GETs', async (t) => {
  const seen: string[] = [];
  const azure = await server((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers['metadata-flavor']} ${req.headers.metadata}`);
    res.statusCode = req.url?.startsWith('/metadata/instance') ? 200 : 400;
    res.end();
  });
  const none = await closedPort();
  mapAll({ '169.254.169.254': azure.port, 'fd00:ec2::254': none, '100.100.100.200': none });
  t.is(check.evaluate(await collect()).status, 'broken');
  azure.close();
  t.deepEqual(seen, ['GET / Google true', 'GET /latest/meta-data/ Google true', 'GET /computeMetadata/v1/instance/attributes/kube-env Google true', 'GET /metadata/instance?api-version=2021-02-01 Google true']);
});

test.serial('nothing listening anywhere holds; unmapped addresses are never contacted under the test hook', async (t) => {
  const none = await closedPort();
  mapAll({ '169.254.169.254': none, 'fd00:ec2::254': none, '100.100.100.200': none });
  const e = await collect();
  t.is(check.evaluate(e).status, 'holds');
  process.env[METADATA_ADDRESS_ENV] = `169.254.169.254=127.0.0.1:${none}`;
  const only = await collect();
  t.deepEqual([...new Set(only.probes.map((p) => p.endpoint))], ['link-local']);
  process.env[METADATA_ADDRESS_ENV] = '';
  const nothing = await collect();
  t.deepEqual(nothing.probes, []);
  t.not(check.evidence!.check(nothing, 'evidence'), null, 'no probe at all is outside the contract, never holds');
});
