/** One keep-alive connection pool per cluster credentials, instead of client-node's new agent (TCP + TLS handshake) per request. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Agent } from 'node:https';
import { loadCluster, MAX_API_CONNECTIONS } from '../../../src/kubernetes/client.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-client-'));
const kubeconfig = (extra: string) => {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true${extra}}
users:
- name: u
  user: {token: t}
contexts:
- name: x
  context: {cluster: c, user: u}
current-context: x
`);
  return file;
};

test('every request of a cluster gets the same keep-alive agent, bounded', async (t) => {
  const { config } = loadCluster({ kubeconfig: kubeconfig('') });
  const first = (await config.applyToFetchOptions({})).agent as Agent;
  const second = (await config.applyToFetchOptions({})).agent as Agent;
  t.is(first, second);
  t.true((first as unknown as { keepAlive: boolean }).keepAlive);
  t.is(first.maxSockets, MAX_API_CONNECTIONS);
});

test('two clusters do not share connections', async (t) => {
  const a = loadCluster({ kubeconfig: kubeconfig('') });
  const b = loadCluster({ kubeconfig: kubeconfig('') });
  t.not((await a.config.applyToFetchOptions({})).agent, (await b.config.applyToFetchOptions({})).agent);
});

test('a proxied cluster keeps the library agent', async (t) => {
  const { config } = loadCluster({ kubeconfig: kubeconfig(', proxy-url: "http://127.0.0.1:3"') });
  const first = (await config.applyToFetchOptions({})).agent;
  t.not(first, (await config.applyToFetchOptions({})).agent);
});
