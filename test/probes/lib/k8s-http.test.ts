/** The Kubernetes/metadata HTTP helper: read-only guard, loopback requests, timeouts. */
import test from 'ava';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SELF_REVIEW_PATH, parseHostPort, request } from '../../../probes/lib/k8s-http.js';

function serve(handler: http.RequestListener): Promise<{ port: number; close: () => void; seen: string[] }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, close: () => server.close(), seen })));
}

test('only GET and SelfSubject*Review POSTs are ever sent', async (t) => {
  const s = await serve((_req, res) => res.end('{}'));
  const base = { scheme: 'http' as const, host: '127.0.0.1', port: s.port, timeoutMs: 1000 };
  const refused = await request({ ...base, method: 'POST', path: '/api/v1/namespaces/default/pods', body: {} });
  t.is(refused.status, null);
  t.regex(refused.status === null ? refused.error : '', /refused/);
  t.is((await request({ ...base, method: 'PUT' as 'GET', path: '/x' })).status, null);
  t.is((await request({ ...base, method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: {} })).status, 200);
  t.deepEqual(s.seen, ['POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews']);
  t.true(SELF_REVIEW_PATH.test('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews'));
  t.true(SELF_REVIEW_PATH.test('/apis/authentication.k8s.io/v1/selfsubjectreviews'));
  t.false(SELF_REVIEW_PATH.test('/apis/authorization.k8s.io/v1/subjectaccessreviews'));
  t.false(SELF_REVIEW_PATH.test('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews/../../../api/v1/pods'));
  s.close();
});

test('GET returns status, truncated body and safe headers only', async (t) => {
  const s = await serve((_req, res) => {
    res.writeHead(200, { server: 'test', 'set-cookie': 'a=b', 'content-type': 'application/json' });
    res.end('x'.repeat(5000));
  });
  const r = await request({ scheme: 'http', host: '127.0.0.1', port: s.port, path: '/pods', timeoutMs: 1000, limit: 100 });
  t.is(r.status, 200);
  if (r.status !== null) {
    t.is(r.body.length, 100);
    t.deepEqual(r.headers, { server: 'test', 'content-type': 'application/json' });
  }
  s.close();
});

test('a silent server times out, a closed port is refused', async (t) => {
  const s = await serve(() => undefined);
  const slow = await request({ scheme: 'http', host: '127.0.0.1', port: s.port, path: '/', timeoutMs: 200 });
  t.deepEqual(slow, { status: null, error: 'ETIMEDOUT' });
  s.close();
  const closed = await request({ scheme: 'http', host: '127.0.0.1', port: s.port, path: '/', timeoutMs: 500 });
  t.deepEqual(closed, { status: null, error: 'ECONNREFUSED' });
});

test('parseHostPort accepts host:port and [v6]:port only', (t) => {
  t.deepEqual(parseHostPort('127.0.0.1:8080'), { host: '127.0.0.1', port: 8080 });
  t.deepEqual(parseHostPort('[::1]:80'), { host: '::1', port: 80 });
  t.is(parseHostPort('169.254.169.254'), null);
  t.is(parseHostPort(undefined), null);
});
