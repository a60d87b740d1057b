/** Manifests -> derived scenarios: kinds, Lists, multi-document, names, and bad input at file:line:col. */
import test from 'ava';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseManifests, readManifestInput } from '../../../src/workloads/manifest.js';
import { UsageError } from '../../../src/errors.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const parse = (text: string) => parseManifests([{ file: 'm.yaml', text }]);
const bad = (text: string) => {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected the manifest to be refused');
};
const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: ns }\nspec:\n${spec}`;

test('the issue manifest: one scenario per container, named Kind/namespace/name:container', (t) => {
  const { scenarios } = parseManifests(readManifestInput(path.join(REPO_ROOT, 'test', 'fixtures', 'workloads', 'risky-and-hardened.yaml')));
  t.deepEqual(scenarios.map((s) => s.name), ['Deployment/build/ci-runner:runner', 'DaemonSet/kube-system/net-agent:agent', 'StatefulSet/payments/ledger:db']);
});

test('every workload kind, Lists, CronJobs and init/ephemeral containers; other kinds are counted, never used', (t) => {
  const template = 'template: { spec: { containers: [{ name: c, image: i }] } }';
  const text = [
    pod('  initContainers: [{ name: init, image: i }]\n  containers: [{ name: main, image: i }]\n  ephemeralContainers: [{ name: debug, image: i }]'),
    `kind: ReplicaSet\nmetadata: { name: rs }\nspec: { ${template} }`,
    `kind: ReplicationController\nmetadata: { name: rc }\nspec: { ${template} }`,
    `kind: Job\nmetadata: { name: job }\nspec: { ${template} }`,
    `kind: CronJob\nmetadata: { name: cron }\nspec: { jobTemplate: { spec: { ${template} } } }`,
    `kind: List\nitems:\n  - { kind: Deployment, metadata: { name: d }, spec: { ${template} } }\n  - { kind: Secret, metadata: { name: s }, data: { k: dmFsdWU= } }`,
    'kind: Service\nmetadata: { name: svc }',
    '',
  ].join('\n---\n');
  const { scenarios, skipped } = parse(text);
  t.deepEqual(scenarios.map((s) => s.name), ['Pod/ns/p:init', 'Pod/ns/p:main', 'Pod/ns/p:debug', 'ReplicaSet/default/rs:c', 'ReplicationController/default/rc:c', 'Job/default/job:c', 'CronJob/default/cron:c', 'Deployment/default/d:c']);
  t.deepEqual([...skipped], [['Secret', 1], ['Service', 1]]);
  t.true(scenarios[0].notReproduced.some((n) => /initContainers: probed as a regular container/.test(n)));
});

test('Kubernetes reads YAML 1.1: yes is a boolean there, and here', (t) => {
  t.true(parse(pod('  hostPID: yes\n  containers: [{ name: c }]')).scenarios[0].posture.hostPID);
});

test('bad input names file:line:col: wrong types, unknown volumes, YAML errors, duplicates', (t) => {
  t.regex(bad(pod('  hostNetwork: "true"\n  containers: [{ name: c }]')), /m\.yaml:5:16: spec\.hostNetwork must be true or false/);
  t.regex(bad(pod('  containers:\n    - name: c\n      volumeMounts: [{ name: nope, mountPath: /x }]')), /m\.yaml:7:30: volumeMounts\[0\] names volume 'nope', which the pod does not declare/);
  t.regex(bad(pod('  containers:\n    - name: c\n      securityContext: { runAsUser: -1 }')), /m\.yaml:7:37: spec\.containers\[0\]\.securityContext\.runAsUser must be a whole number/);
  t.regex(bad('kind: Pod\nmetadata: { name: p\n'), /m\.yaml:\d+:\d+: invalid YAML/);
  t.regex(bad('kind: Deployment\nmetadata: { name: d }\nspec: {}\n'), /m\.yaml:3:7: Deployment\/default\/d has no pod spec at spec\.template\.spec/);
  t.regex(bad(`${pod('  containers: [{ name: c }]')}\n---\n${pod('  containers: [{ name: c }]')}`), /Pod\/ns\/p:c appears twice/);
  t.regex(bad('metadata: { name: x }\n'), /m\.yaml:1:1: a Kubernetes object needs a kind/);
});

test('a directory is read recursively in a stable order; an empty one is an error', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-manifests-'));
  mkdirSync(path.join(dir, 'sub'));
  writeFileSync(path.join(dir, 'b.yaml'), pod('  containers: [{ name: b }]'));
  writeFileSync(path.join(dir, 'sub', 'a.yml'), pod('  containers: [{ name: a }]').replace('name: p', 'name: q'));
  writeFileSync(path.join(dir, 'notes.txt'), 'not yaml');
  t.deepEqual(parseManifests(readManifestInput(dir)).scenarios.map((s) => s.name), ['Pod/ns/p:b', 'Pod/ns/q:a']);
  const empty = mkdtempSync(path.join(os.tmpdir(), 'ek-manifests-empty-'));
  t.throws(() => readManifestInput(empty), { message: /no \.yaml, \.yml or \.json file/ });
  t.throws(() => readManifestInput(path.join(dir, 'missing')), { message: /--from-manifest: not found/ });
  t.deepEqual(readManifestInput('-', () => 'kind: Pod'), [{ file: '<stdin>', text: 'kind: Pod' }]);
});
