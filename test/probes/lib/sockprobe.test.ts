/** identifySocket against servers this test creates in its own temp directory. */
import test from 'ava';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { identifySocket, isHttp2Settings, parseHttpHead } from '../../../probes/lib/sockprobe.js';

const dir = mkdtempSync(path.join(tmpdir(), 'escapekit-sockprobe-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

function serve(name: string, onConnection: (s: net.Socket) => void): Promise<{ path: string; server: net.Server; received: string[] }> {
  const p = path.join(dir, name);
  const received: string[] = [];
  const server = net.createServer((s) => { s.on('data', (d) => received.push(d.toString())); onConnection(s); });
  return new Promise((resolve) => server.listen(p, () => resolve({ path: p, server, received })));
}

test('HTTP server: one GET, status line and kept headers', async (t) => {
  const srv = await serve('docker.sock', (s) => s.once('data', () => s.end('HTTP/1.0 200 OK\r\nApi-Version: 1.41\r\nServer: Docker/20.10\r\nX-Other: no\r\n\r\nOK')));
  const id = await identifySocket({ path: srv.path }, { getPath: '/_ping', greetMs: 50 });
  srv.server.close();
  t.true(id.connected);
  t.is(id.http?.statusLine, 'HTTP/1.0 200 OK');
  t.deepEqual(id.http?.headers, { 'api-version': '1.41', server: 'Docker/20.10' });
  t.is(srv.received.join(''), 'GET /_ping HTTP/1.0\r\nHost: localhost\r\nUser-Agent: escapekit-probe\r\n\r\n');
});

test('HTTP/2 server greeting: recognised, nothing sent', async (t) => {
  const settings = Buffer.from('000006040000000000000500004000', 'hex');
  const srv = await serve('grpc.sock', (s) => s.write(settings));
  const id = await identifySocket({ path: srv.path }, { getPath: '/_ping', greetMs: 200 });
  srv.server.close();
  t.true(id.http2);
  t.is(id.http, undefined);
  t.deepEqual(srv.received, []);
});

test('without getPath nothing is ever sent', async (t) => {
  const srv = await serve('quiet.sock', () => undefined);
  const id = await identifySocket({ path: srv.path }, { greetMs: 30, timeoutMs: 500 });
  srv.server.close();
  t.true(id.connected);
  t.deepEqual(srv.received, []);
});

test('missing socket: connect error', async (t) => {
  const id = await identifySocket({ path: path.join(dir, 'none.sock') });
  t.false(id.connected);
  t.is(id.error, 'ENOENT');
});

test('parsers', (t) => {
  t.false(isHttp2Settings(Buffer.from('HTTP/1.0 200')));
  t.is(parseHttpHead('garbage'), null);
});
