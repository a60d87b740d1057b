/** Permissions a run needs, and RBAC refusals turned into errors that name verb and resource. */
import test from 'ava';
import { refusalMessage } from '../../../src/kubernetes/api-error.js';
import { explainRefusal, permissionText, readNodes, refusedPermission, requiredPermissions } from '../../../src/kubernetes/permissions.js';
import { UsageError } from '../../../src/errors.js';

const nodesRefused = { code: 403, body: JSON.stringify({ kind: 'Status', reason: 'Forbidden', message: 'nodes is forbidden: User "system:serviceaccount:team-a:runner" cannot list resource "nodes" in API group "" at the cluster scope' }) };
const logRefused = { code: 403, body: { message: 'pods "ek-x" is forbidden: User "bob" cannot get resource "pods/log" in API group "" in the namespace "team-a"' } };
const admissionDenied = { code: 403, body: { message: 'pods "x" is forbidden: violates PodSecurity "restricted:latest": privileged' } };

const texts = (scope: Parameters<typeof requiredPermissions>[0]) => requiredPermissions(scope).map(permissionText);

test('a run in an existing namespace needs pod permissions there and nothing cluster-wide', (t) => {
  const needed = texts({ namespace: 'team-a', podNamespace: 'team-a', perNode: false });
  t.true(needed.includes('create pods in namespace team-a'));
  t.true(needed.includes('get pods/log in namespace team-a'));
  t.true(needed.includes('deletecollection pods in namespace team-a'));
  t.false(needed.some((p) => p.endsWith('(cluster scope)')), needed.join(', '));
});

test('a run with its own namespaces needs namespace create, list and delete; --nodes all adds list nodes', (t) => {
  const needed = texts({ podNamespace: 'escapekit-r-cluster', perNode: true });
  for (const p of ['create namespaces (cluster scope)', 'list namespaces (cluster scope)', 'delete namespaces (cluster scope)', 'list nodes (cluster scope)', 'create pods in namespace escapekit-r-cluster']) t.true(needed.includes(p), p);
  t.false(texts({ podNamespace: 'n', perNode: false }).includes('list nodes (cluster scope)'));
});

test('reads verb, resource and namespace from an RBAC refusal; admission denials are not refusals', (t) => {
  t.deepEqual(refusedPermission(nodesRefused), { verb: 'list', resource: 'nodes' });
  t.deepEqual(refusedPermission(logRefused), { verb: 'get', resource: 'pods/log', namespace: 'team-a' });
  t.is(refusedPermission(admissionDenied), undefined);
  t.is(refusedPermission(new Error('connect ECONNREFUSED')), undefined);
});

test('explainRefusal: exit-2 error naming the permission; other errors unchanged', (t) => {
  const e = t.throws(() => explainRefusal(nodesRefused, '--nodes all'));
  t.true(e instanceof UsageError);
  t.is(e?.message, '--nodes all: not allowed to list nodes (cluster scope)');
  const other = new Error('boom');
  t.is(t.throws(() => explainRefusal(other, 'x')), other);
});

test('readNodes: a refused node list becomes "not permitted", other failures still throw', async (t) => {
  t.deepEqual(await readNodes(Promise.reject(nodesRefused)), { refused: 'not permitted (list nodes (cluster scope))' });
  t.deepEqual(await readNodes(Promise.resolve([])), { nodes: [] });
  await t.throwsAsync(readNodes(Promise.reject(new Error('connect ECONNREFUSED'))), { message: /ECONNREFUSED/ });
});

test('refusalMessage: any API 403 gets a message, never "internal error"; plain errors do not', (t) => {
  t.regex(refusalMessage(logRefused)!, /^the Kubernetes API server refused a request \(403 Forbidden\): .*cannot get resource "pods\/log"/);
  t.is(refusalMessage(new Error('x')), undefined);
  t.is(refusalMessage({ code: 500, body: { message: 'x' } }), undefined);
});
