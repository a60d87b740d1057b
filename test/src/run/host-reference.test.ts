/** The runner's side of the host reference: the echo must be what was sent; without a reference, a holds in a posture sharing that namespace is not believed. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckReport } from '../../../src/model/report.js';
import { distrustUnreferencedHolds, verifyEchoedReference } from '../../../src/run/host-reference.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const fixture = (file: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'probes', file), 'utf8')) as Record<string, unknown>;
const holds = (id: string, boundary: string, evidence: unknown): CheckReport => ({ id, boundary: boundary as CheckReport['boundary'], status: 'holds', summary: 'own namespace', evidence: evidence as CheckReport['evidence'], durationMs: 1 });

test('hostIPC admitted, no reference: host-ipc holds becomes inconclusive, naming why', (t) => {
  const evidence = fixture('host-ipc/host-ipc-namespace.fixtures/holds.json');
  t.false((evidence.nodeReference as { required: boolean }).required, 'the fixture is one without a reference');
  const r = distrustUnreferencedHolds(holds('host-ipc-namespace', 'host-ipc', evidence), { hostIPC: true });
  t.is(r.status, 'inconclusive');
  t.regex(r.summary, /hostIPC: true.*no reference of the node's namespaces/);
  t.is(distrustUnreferencedHolds(holds('host-uts-namespace', 'host-network', { nodeReference: { required: false, nodes: [] } }), { hostNetwork: true }).status, 'inconclusive');
});

test('a holds stays when the posture does not share the namespace, or a reference was taken', (t) => {
  const evidence = fixture('host-ipc/host-ipc-namespace.fixtures/holds.json');
  t.is(distrustUnreferencedHolds(holds('host-ipc-namespace', 'host-ipc', evidence), {}).status, 'holds');
  t.is(distrustUnreferencedHolds(holds('host-ipc-namespace', 'host-ipc', evidence), { hostNetwork: true }).status, 'holds');
  const referenced = fixture('host-ipc/host-ipc-namespace.fixtures/holds-docker-host-reference.json');
  t.true((referenced.nodeReference as { required: boolean }).required);
  t.is(distrustUnreferencedHolds(holds('host-ipc-namespace', 'host-ipc', referenced), { hostIPC: true }).status, 'holds');
  t.is(distrustUnreferencedHolds(holds('cap-sys-admin', 'capabilities', null), { hostIPC: true }).status, 'holds', 'other checks untouched');
});

test('a holds whose echo of the host reference is not what the runner sent is not believed', (t) => {
  const evidence = fixture('host-ipc/host-ipc-namespace.fixtures/holds-docker-host-reference.json');
  const echoed = evidence.nodeReference as { required: boolean; nodes: Array<{ node: string; namespace: string }> };
  const sent = { required: true, nodes: echoed.nodes.map((n) => ({ node: n.node, ipc: n.namespace, uts: null, net: null, pid: null, cgroup: null })) };
  t.is(verifyEchoedReference(holds('host-ipc-namespace', 'host-ipc', evidence), sent).status, 'holds', 'the echo of what was sent');
  const dropped = { ...evidence, nodeReference: { required: false, nodes: [] } };
  const r = verifyEchoedReference(holds('host-ipc-namespace', 'host-ipc', dropped), sent);
  t.is(r.status, 'inconclusive');
  t.regex(r.summary, /not the one the runner sent/);
  const altered = { ...evidence, nodeReference: { required: true, nodes: [{ node: echoed.nodes[0]!.node, namespace: 'ipc:[1]' }] } };
  t.is(verifyEchoedReference(holds('host-ipc-namespace', 'host-ipc', altered), sent).status, 'inconclusive', 'an altered namespace');
  t.is(verifyEchoedReference(holds('host-ipc-namespace', 'host-ipc', evidence), undefined).status, 'inconclusive', 'a reference the runner never sent');
  const unreferenced = fixture('host-ipc/host-ipc-namespace.fixtures/holds.json');
  t.is(verifyEchoedReference(holds('host-ipc-namespace', 'host-ipc', unreferenced), undefined).status, 'holds', 'no reference sent, none echoed');
  t.is(verifyEchoedReference(holds('cap-sys-admin', 'capabilities', null), sent).status, 'holds', 'other checks untouched');
});
