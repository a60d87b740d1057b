/** SelfSubject*Reviews against a loopback HTTPS server: TLS verified with the CA, token never sent otherwise. */
import test from 'ava';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { DANGEROUS_PERMISSIONS, accessReviews, reviewIdentity } from '../../../probes/lib/self-review.js';
import check from '../../../probes/service-account/service-account-permissions.js';

/** A self-signed certificate for 127.0.0.1 (it is its own CA). */
function selfSigned(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ek-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem')], { stdio: 'ignore' });
  return { key: readFileSync(path.join(dir, 'k.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'c.pem'), 'utf8') };
}

function apiServer(tls: { key: string; cert: string }, allow: (attrs: Record<string, string>) => boolean) {
  const seen: Array<{ method?: string; url?: string; auth?: string }> = [];
  const server = https.createServer(tls, (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization });
      const spec = (JSON.parse(body || '{}').spec ?? {}) as { resourceAttributes?: Record<string, string> };
      res.writeHead(201, { 'content-type': 'application/json' });
      if (req.url?.endsWith('selfsubjectreviews')) res.end(JSON.stringify({ status: { userInfo: { username: 'system:serviceaccount:t:app', groups: ['system:authenticated'] } } }));
      else res.end(JSON.stringify({ status: { allowed: allow(spec.resourceAttributes ?? {}) } }));
    });
  });
  return new Promise<{ port: number; seen: typeof seen; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, seen, close: () => server.close() })));
}

test('access reviews go out verified, carry the token, and find a dangerous grant', async (t) => {
  const tls = selfSigned();
  const s = await apiServer(tls, (a) => a.resource === 'secrets' && a.verb === 'get' && a.namespace === 't');
  const conn = { host: '127.0.0.1', port: s.port, token: 'TOKEN', ca: tls.cert, timeoutMs: 15000 };
  const [identity, reviews] = await Promise.all([reviewIdentity(conn), accessReviews(conn, 't')]);
  t.is(identity.username, 'system:serviceaccount:t:app');
  t.is(reviews.length, DANGEROUS_PERMISSIONS.length);
  t.deepEqual(reviews.filter((r) => r.allowed).map((r) => r.id), ['get secrets']);
  t.true(s.seen.every((r) => r.method === 'POST' && /selfsubject(access)?reviews$/.test(r.url ?? '') && r.auth === 'Bearer TOKEN'));
  const token = { dir: '/x', file: '/x/token', namespace: 't', caPresent: true, subject: 'system:serviceaccount:t:app', issuer: null, expires: 1, boundToPod: true };
  const verdict = check.evaluate({ apiServer: { host: '127.0.0.1', port: s.port, source: 'env' }, mountsRead: true, tokens: [{ token, identity, rules: null, reviews }] });
  t.is(verdict.status, 'broken');
  t.regex(verdict.summary, /get secrets/);
  s.close();
});

test('no CA or a certificate the CA does not sign: the token is never sent, the verdict is inconclusive', async (t) => {
  const s = await apiServer(selfSigned(), () => false);
  const other = selfSigned().cert;
  const noCa = await accessReviews({ host: '127.0.0.1', port: s.port, token: 'TOKEN', ca: null, timeoutMs: 2000 }, 't');
  const wrongCa = await accessReviews({ host: '127.0.0.1', port: s.port, token: 'TOKEN', ca: other, timeoutMs: 2000 }, 't');
  t.is(noCa.length, DANGEROUS_PERMISSIONS.length, 'every permission is answered, none dropped');
  t.is(wrongCa.length, DANGEROUS_PERMISSIONS.length);
  t.true(noCa.every((r) => r.allowed === undefined && /no cluster CA/.test(r.error ?? '')));
  t.true(wrongCa.every((r) => r.allowed === undefined && r.status === null));
  t.deepEqual(s.seen, []);
  const token = { dir: '/x', file: '/x/token', namespace: 't', caPresent: false, subject: null, issuer: null, expires: null, boundToPod: false };
  t.is(check.evaluate({ apiServer: { host: 'h', port: 1, source: 'env' }, mountsRead: true, tokens: [{ token, identity: null, rules: null, reviews: wrongCa }] }).status, 'inconclusive');
  s.close();
});

test('the questions cover workloads cluster-wide, attach, persistentvolumes, webhooks, CSRs, nodes/proxy, bind/escalate, impersonate', (t) => {
  const ids = DANGEROUS_PERMISSIONS.map((p) => p.id);
  for (const id of ['create deployments (all namespaces)', 'create pods (all namespaces)', 'patch daemonsets', 'update deployments', 'create pods/attach', 'create persistentvolumes (all namespaces)',
    'create mutatingwebhookconfigurations (all namespaces)', 'patch validatingwebhookconfigurations (all namespaces)', 'create certificatesigningrequests (all namespaces)',
    'update certificatesigningrequests/approval (all namespaces)', 'get nodes/proxy (all namespaces)', 'bind clusterroles (all namespaces)', 'escalate roles', 'impersonate serviceaccounts (all namespaces)', 'create pods (kube-system)']) {
    t.true(ids.includes(id), id);
  }
  t.is(new Set(ids).size, ids.length, 'ids are unique');
});

test('a token holds only when every question was answered no; one missing answer is inconclusive', async (t) => {
  const tls = selfSigned();
  const s = await apiServer(tls, () => false);
  const reviews = await accessReviews({ host: '127.0.0.1', port: s.port, token: 'TOKEN', ca: tls.cert, timeoutMs: 15000 }, 't');
  s.close();
  const token = { dir: '/x', file: '/x/vault-token', namespace: 't', caPresent: true, subject: 'system:serviceaccount:t:app', issuer: null, expires: 1, boundToPod: true };
  const base = { apiServer: { host: '127.0.0.1', port: 1, source: 'env' as const }, mountsRead: true };
  t.is(check.evaluate({ ...base, tokens: [{ token, identity: null, rules: null, reviews }] }).status, 'holds');
  t.is(check.evaluate({ ...base, tokens: [{ token, identity: null, rules: null, reviews: reviews.slice(1) }] }).status, 'inconclusive');
  const second = { token: { ...token, file: '/y/token' }, identity: null, rules: null, reviews: reviews.map((r) => (r.id === 'create pods/attach' ? { ...r, allowed: true } : r)) };
  const v = check.evaluate({ ...base, tokens: [{ token, identity: null, rules: null, reviews }, second] });
  t.is(v.status, 'broken', 'every token is judged, not only the first');
  t.regex(v.summary, /create pods\/attach/);
});
