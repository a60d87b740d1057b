/** API failures: admission denials vs RBAC refusals. */
import test from 'ava';
import { apiFailure, isPolicyDenial, isRbacForbidden } from '../../../src/kubernetes/api-error.js';

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

/** Messages as kube-apiserver 1.34 words them (Status.message of the 403/400/422 answer). */
const POLICY = [
  [403, 'pods "p" is forbidden: violates PodSecurity "restricted:latest": privileged (container "probe" must not set securityContext.privileged=true)'],
  [400, 'admission webhook "validate.kyverno.svc-fail" denied the request: resource Pod/ns/p was blocked due to the following policies'],
  [403, 'admission webhook "validation.gatekeeper.sh" denied the request: [psp-privileged-container] Privileged container is not allowed: probe'],
  [403, 'pods "p" is forbidden: ValidatingAdmissionPolicy \'deny-host-pid\' with binding \'deny-host-pid-binding\' denied request: hostPID is not allowed'],
  [422, 'pods "p" is forbidden: ValidatingAdmissionPolicy \'no-privileged\' with binding \'b\' denied request: failed expression: object.spec.containers.all(c, !c.securityContext.privileged)'],
  [403, 'pods "p" is forbidden: unable to validate against any pod security policy: [spec.securityContext.hostPID: Invalid value: true: Host PID is not allowed to be used]'],
] as const;
const NOT_POLICY = [
  [403, 'pods "p" is forbidden: exceeded quota: pods-zero, requested: pods=1, used: pods=0, limited: pods=0'],
  [403, 'pods "p" is forbidden: failed quota: compute: must specify limits.cpu for: probe; limits.memory for: probe'],
  [403, 'pods "p" is forbidden: maximum memory usage per Container is 64Mi, but limit is 128Mi'],
  [403, 'pods "p" is forbidden: [minimum cpu usage per Container is 100m, but request is 10m, maximum cpu usage per Container is 200m, but limit is 1]'],
  [403, 'pods "p" is forbidden: error looking up service account ns/missing: serviceaccount "missing" not found'],
  [403, 'pods "p" is forbidden: unable to create new content in namespace ns because it is being terminated'],
  [403, 'pods "p" is forbidden: no PriorityClass with name urgent was found'],
  [403, 'pods is forbidden: User "bob" cannot create resource "pods" in API group "" in the namespace "x"'],
  [422, 'Pod "p" is invalid: spec.securityContext.seccompProfile.localhostProfile: Invalid value: "/abs.json": must be a relative path'],
  [500, 'Internal error occurred: failed calling webhook "validate.kyverno.svc-fail": failed to call webhook: context deadline exceeded'],
] as const;

test('only a security policy refusal counts as an admission denial; quota, LimitRange, service account, terminating namespace are errors', (t) => {
  for (const [code, message] of POLICY) t.true(isPolicyDenial(apiFailure({ code, body: { kind: 'Status', message } })), message);
  for (const [code, message] of NOT_POLICY) t.false(isPolicyDenial(apiFailure({ code, body: { kind: 'Status', message } })), message);
});
