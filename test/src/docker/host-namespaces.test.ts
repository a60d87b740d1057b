import test from 'ava';
import { referenceContainer } from '../../../src/docker/host-namespaces.js';

test('the reference container joins every host namespace, under runc, with nothing it could write with', (t) => {
  const o = referenceContainer('escapekit/probe:x', 'escapekit-r-host-reference', { 'escapekit.io/run-id': 'r' }, ['runc', 'runsc']);
  const h = o.HostConfig as Record<string, unknown>;
  t.like(h, { IpcMode: 'host', PidMode: 'host', NetworkMode: 'host', UTSMode: 'host', CgroupnsMode: 'host', UsernsMode: 'host', Runtime: 'runc', CapDrop: ['ALL'], ReadonlyRootfs: true });
  t.deepEqual(h.SecurityOpt, ['no-new-privileges']);
  t.is(o.User, '65534:65534');
  t.deepEqual(o.Entrypoint, ['/node']);
  t.regex(String(o.Cmd?.[1]), /readlinkSync\('\/proc\/self\/ns\/'\+k\)/);
  t.is(o.Labels?.['escapekit.io/run-id'], 'r');
  // An engine without a runtime named runc keeps its default.
  t.false('Runtime' in (referenceContainer('i', 'n', {}, ['io.containerd.runc.v2']).HostConfig as object));
});
