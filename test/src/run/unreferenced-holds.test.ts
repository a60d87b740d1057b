/** A namespace check's holds without a host reference is not believed when the posture shares that namespace. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckReport } from '../../../src/model/report.js';
import { distrustUnreferencedHolds } from '../../../src/run/unreferenced-holds.js';
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
