/** Service account token discovery and description: facts only, never the token. */
import test from 'ava';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SA_DIR, apiServerAddress, jwtClaims, looksLikeJwt, readAllTokens, readTokens, tokenDirs } from '../../../probes/lib/service-account.js';
import { parseMountInfo } from '../../../probes/lib/proc.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const BOUND = `${b64({ alg: 'RS256' })}.${b64({ iss: 'https://kubernetes.default.svc', sub: 'system:serviceaccount:ns1:app', exp: 1900000000, 'kubernetes.io': { namespace: 'ns1', pod: { name: 'p' } } })}.c2lnbmF0dXJl`;

test('jwtClaims decodes the payload, null on garbage', (t) => {
  t.is(jwtClaims(BOUND)?.sub, 'system:serviceaccount:ns1:app');
  t.is(jwtClaims('not-a-jwt'), null);
  t.is(jwtClaims('a.%%%.c'), null);
});

test('readTokens describes every token of a volume, whatever its file name, without returning it in the facts', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ek-sa-'));
  const OTHER = `${b64({ alg: 'RS256' })}.${b64({ sub: 'system:serviceaccount:ns1:vault' })}.c2ln`;
  writeFileSync(path.join(dir, 'token'), BOUND);
  writeFileSync(path.join(dir, 'namespace'), 'ns1');
  writeFileSync(path.join(dir, 'ca.crt'), '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
  mkdirSync(path.join(dir, 'vault'));
  writeFileSync(path.join(dir, 'vault', 'vault-token'), OTHER);
  mkdirSync(path.join(dir, '..2026_12_01'));
  writeFileSync(path.join(dir, '..2026_12_01', 'token'), BOUND);
  const r = await readTokens(dir);
  t.deepEqual(r.map((x) => x.facts.file).sort(), [path.join(dir, 'token'), path.join(dir, 'vault', 'vault-token')]);
  const bound = r.find((x) => x.facts.file.endsWith('/token'))!;
  t.is(bound.token, BOUND);
  t.deepEqual(bound.facts, { dir, file: path.join(dir, 'token'), namespace: 'ns1', caPresent: true, subject: 'system:serviceaccount:ns1:app', issuer: 'https://kubernetes.default.svc', expires: 1900000000, boundToPod: true });
  t.false(JSON.stringify(r.map((x) => x.facts)).includes('c2lnbmF0dXJl'));
  t.deepEqual(await readTokens(path.join(dir, 'missing')), []);
  t.is((await readAllTokens([dir, dir])).length, 2, 'the same token mounted twice counts once');
  t.false(looksLikeJwt('-----BEGIN CERTIFICATE-----'));
  t.false(looksLikeJwt('ns1'));
});

test('tokenDirs adds projected and secret token volumes found in mountinfo', (t) => {
  const mounts = parseMountInfo([
    '1 0 0:1 / / rw - overlay overlay rw',
    '2 1 0:2 /var/lib/kubelet/pods/u/volumes/kubernetes.io~projected/kube-api-access-x /var/run/secrets/kubernetes.io/serviceaccount ro - tmpfs tmpfs rw',
    '3 1 0:3 /var/lib/kubelet/pods/u/volumes/kubernetes.io~secret/other-token /opt/creds ro - tmpfs tmpfs rw',
  ].join('\n'));
  t.deepEqual(tokenDirs(mounts), [SA_DIR, '/opt/creds']);
  t.deepEqual(tokenDirs(null), [SA_DIR]);
});

test('apiServerAddress prefers the injected env and falls back to the cluster DNS name', (t) => {
  t.deepEqual(apiServerAddress({ KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' }), { host: '10.96.0.1', port: 443, source: 'env' });
  t.deepEqual(apiServerAddress({}), { host: 'kubernetes.default.svc', port: 443, source: 'dns' });
});
