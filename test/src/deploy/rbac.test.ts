/** The shipped Roles grant exactly what the runner asks for up front: no more, no less. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { requiredPermissions, type RunScope } from '../../../src/kubernetes/permissions.js';
import { REPO_ROOT } from '../../helpers/paths.js';

interface Rule { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }

/** `verb resource` (or `verb resource/name` for a rule limited to names) for every grant of a role. */
function grantsOf(doc: { kind: string; rules: Rule[] }, file: string): { kind: string; granted: string[] } {
  const granted = doc.rules.flatMap((r) => {
    if (r.apiGroups.join() !== '') throw new Error(`${file}: only the core API group is expected`);
    const names = r.resourceNames ?? [''];
    return r.resources.flatMap((res) => r.verbs.flatMap((v) => names.map((n) => `${v} ${res}${n ? `/${n}` : ''}`)));
  });
  return { kind: doc.kind, granted: granted.sort() };
}

const grants = (file: string) => grantsOf(parse(readFileSync(path.join(REPO_ROOT, 'deploy', 'rbac', file), 'utf8')) as { kind: string; rules: Rule[] }, file);

const needed = (scope: RunScope) => [...new Set(requiredPermissions(scope).map((p) => `${p.verb} ${p.resource}${p.name ? `/${p.name}` : ''}`))].sort();

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

/** The objects of deploy/cronjob.yaml by kind. */
function cronjobObjects(): Map<string, Record<string, any>> {
  const docs = parseAllDocuments(readFileSync(path.join(REPO_ROOT, 'deploy', 'cronjob.yaml'), 'utf8')).map((d) => d.toJS() as Record<string, any>);
  return new Map(docs.map((d) => [d.kind as string, d]));
}

test('cronjob.yaml: its Role is exactly what an in-cluster run in its namespace writing the report ConfigMap needs', (t) => {
  const objects = cronjobObjects();
  const args: string[] = objects.get('CronJob')!.spec.jobTemplate.spec.template.spec.containers[0].args;
  const configMap = args.find((a) => a.startsWith('--report-configmap='))!.split('=')[1];
  t.is(configMap, 'escapekit-report');
  const role = grantsOf(objects.get('Role') as { kind: string; rules: Rule[] }, 'cronjob.yaml');
  t.deepEqual(role.granted, needed({ namespace: 'escapekit', podNamespace: 'escapekit', perNode: false, reportConfigMap: { namespace: 'escapekit', name: configMap } }));
  // The namespace Role's rules, unchanged, plus the ConfigMap's.
  t.deepEqual(role.granted.filter((g) => !g.includes('configmaps')), grants('namespace-role.yaml').granted);
});

test('cronjob.yaml: one attempt, exit codes 1 and 2 fail the Job by name, bound to its own service account', (t) => {
  const objects = cronjobObjects();
  const job = objects.get('CronJob')!.spec.jobTemplate.spec;
  t.is(job.backoffLimit, 0);
  t.is(job.template.spec.restartPolicy, 'Never');
  // Long enough for the runner's interrupt cleanup (its probe pods) before the kubelet kills it.
  t.true(job.template.spec.terminationGracePeriodSeconds >= 75);
  t.deepEqual(job.podFailurePolicy.rules.filter((r: any) => r.action === 'FailJob').map((r: any) => r.onExitCodes.values), [[1], [2]]);
  t.is(job.template.spec.serviceAccountName, objects.get('ServiceAccount')!.metadata.name);
  const binding = objects.get('RoleBinding')!;
  t.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'escapekit', namespace: 'escapekit' }]);
  t.is(binding.roleRef.name, objects.get('Role')!.metadata.name);
});
