/** The cloud metadata check's collect step against a loopback stand-in (never the real 169.254.169.254). */
import test from 'ava';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import check, { METADATA_ADDRESS_ENV } from '../../../probes/cloud-metadata/cloud-metadata-reachable.js';

const ctx = { target: 'docker' as const, network: true, timeoutMs: 3000 };

async function withServer(handler: http.RequestListener, run: (port: number) => Promise<void>): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run((server.address() as AddressInfo).port);
  } finally {
    server.close();
  }
}

test.serial('an IMDSv1-style answer is broken, an IMDSv2 401 is inconclusive', async (t) => {
  t.is(check.optIn, 'network');
  await withServer((_req, res) => res.end('ami-id\nhostname\n'), async (port) => {
    process.env[METADATA_ADDRESS_ENV] = `127.0.0.1:${port}`;
    const e = await check.collect(ctx);
    t.is(check.evaluate(e).status, 'broken');
  });
  await withServer((_req, res) => { res.statusCode = 401; res.end(); }, async (port) => {
    process.env[METADATA_ADDRESS_ENV] = `127.0.0.1:${port}`;
    const e = await check.collect(ctx);
    t.is(check.evaluate(e).status, 'inconclusive');
  });
});

test.serial('Azure-style 400 on / leads to the instance endpoint; headers for GCP/Azure are sent', async (t) => {
  const seen: string[] = [];
  await withServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers['metadata-flavor']} ${req.headers.metadata}`);
    res.statusCode = req.url === '/' ? 400 : 200;
    res.end();
  }, async (port) => {
    process.env[METADATA_ADDRESS_ENV] = `127.0.0.1:${port}`;
    t.is(check.evaluate(await check.collect(ctx)).status, 'broken');
  });
  t.deepEqual(seen, ['GET / Google true', 'GET /metadata/instance?api-version=2021-02-01 Google true']);
});

test.serial('nothing listening holds', async (t) => {
  let port = 0;
  await withServer((_req, res) => res.end(), async (p) => { port = p; });
  process.env[METADATA_ADDRESS_ENV] = `127.0.0.1:${port}`;
  const e = await check.collect(ctx);
  t.is(check.evaluate(e).status, 'holds');
  delete process.env[METADATA_ADDRESS_ENV];
});
