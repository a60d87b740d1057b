/** API failures: admission denials vs RBAC refusals. */
import test from 'ava';
import { apiFailure, isRbacForbidden } from '../../../src/kubernetes/api-error.js';

test('reads the server message from a JSON body string', (t) => {
  const f = apiFailure({ code: 403, body: JSON.stringify({ kind: 'Status', reason: 'Forbidden', message: 'pods "x" is forbidden: violates PodSecurity "restricted:latest": privileged' }) });
  t.is(f.code, 403);
  t.regex(f.message, /violates PodSecurity/);
  t.false(isRbacForbidden(f));
});

test('recognises RBAC refusals', (t) => {
  t.true(isRbacForbidden(apiFailure({ code: 403, body: { message: 'pods is forbidden: User "bob" cannot create resource "pods" in API group "" in the namespace "x"' } })));
});

test('network errors keep their first line', (t) => {
  t.deepEqual(apiFailure(new Error('connect ECONNREFUSED 127.0.0.1:6443\nmore')), { code: undefined, message: 'connect ECONNREFUSED 127.0.0.1:6443' });
});
