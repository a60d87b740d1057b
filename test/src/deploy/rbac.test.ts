/** The shipped Roles grant exactly what the runner asks for up front: no more, no less. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { requiredPermissions, type RunScope } from '../../../src/kubernetes/permissions.js';
import { REPO_ROOT } from '../../helpers/paths.js';

interface Rule { apiGroups: string[]; resources: string[]; verbs: string[] }

function grants(file: string): { kind: string; granted: string[] } {
  const doc = parse(readFileSync(path.join(REPO_ROOT, 'deploy', 'rbac', file), 'utf8')) as { kind: string; rules: Rule[] };
  const granted = doc.rules.flatMap((r) => {
    if (r.apiGroups.join() !== '') throw new Error(`${file}: only the core API group is expected`);
    return r.resources.flatMap((res) => r.verbs.map((v) => `${v} ${res}`));
  });
  return { kind: doc.kind, granted: granted.sort() };
}

const needed = (scope: RunScope) => [...new Set(requiredPermissions(scope).map((p) => `${p.verb} ${p.resource}`))].sort();

test('namespace-role.yaml: a namespaced Role with exactly what a --namespace run needs', (t) => {
  const role = grants('namespace-role.yaml');
  t.is(role.kind, 'Role');
  t.deepEqual(role.granted, needed({ namespace: 'ns', podNamespace: 'ns', perNode: false }));
});

test('cluster-role.yaml: exactly what runs in fresh namespaces and per-node runs need', (t) => {
  const role = grants('cluster-role.yaml');
  t.is(role.kind, 'ClusterRole');
  t.deepEqual(role.granted, needed({ podNamespace: 'escapekit-x-cluster', perNode: true }));
});
