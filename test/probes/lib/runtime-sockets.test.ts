/** Runtime naming from socket paths and answers. */
import test from 'ava';
import { mayGetPing, runtimeFromAnswer, runtimeFromName } from '../../../probes/lib/runtime-sockets.js';

test('runtimeFromName recognises runtime sockets by their file name', (t) => {
  t.is(runtimeFromName('/var/run/docker.sock'), 'docker');
  t.is(runtimeFromName('/run/user/1000/docker.sock'), 'docker');
  t.is(runtimeFromName('/run/containerd/containerd.sock'), 'containerd');
  t.is(runtimeFromName('/run/containerd/containerd.sock.ttrpc'), 'containerd-ttrpc');
  t.is(runtimeFromName('/run/crio/crio.sock'), 'cri-o');
  t.is(runtimeFromName('/run/podman/podman.sock'), 'podman');
  t.is(runtimeFromName('/run/cri-dockerd.sock'), 'cri-dockerd');
  t.is(runtimeFromName('/run/containerd/s/' + 'a'.repeat(64)), 'containerd-shim');
  t.is(runtimeFromName('/var/lib/kubelet/pod-resources/kubelet.sock'), 'kubelet-pod-resources');
  t.is(runtimeFromName('/var/lib/kubelet/device-plugins/kubelet.sock'), 'kubelet-device-plugins');
  t.is(runtimeFromName('/tmp/kubelet.sock'), null);
  t.is(runtimeFromName('/tmp/odd/d.sock'), null);
  t.is(runtimeFromName(undefined), null);
});

test('runtimeFromAnswer names Docker, podman and gRPC servers', (t) => {
  t.is(runtimeFromAnswer({ http: { statusLine: 'HTTP/1.0 200 OK', headers: { server: 'Docker/20.10.24+dfsg1 (linux)', 'api-version': '1.41' } } }), 'docker');
  t.is(runtimeFromAnswer({ http: { statusLine: 'HTTP/1.1 200 OK', headers: { server: 'Libpod/4.9.3 (linux)', 'libpod-api-version': '4.9.3' } } }), 'podman');
  t.is(runtimeFromAnswer({ http2: true }), 'grpc');
  t.is(runtimeFromAnswer({ http: { statusLine: 'HTTP/1.0 404 Not Found', headers: {} } }), null);
});

test('only sockets named as a Docker or podman API may get GET /_ping; runtime side channels are named, not probed', (t) => {
  t.true(mayGetPing(runtimeFromName('/run/docker.sock')));
  t.true(mayGetPing(runtimeFromName('/run/podman/podman.sock')));
  t.false(mayGetPing(runtimeFromName('/tmp/odd/d.sock')), 'an unnamed *.sock gets no bytes (Redis, FastCGI, plugin sockets)');
  t.false(mayGetPing(runtimeFromName('/run/containerd/containerd.sock')), 'gRPC servers greet first: listened to, never written to');
  t.false(mayGetPing(null));
  t.is(runtimeFromName('/run/docker/containerd/containerd-debug.sock'), 'runtime-auxiliary');
  t.is(runtimeFromName('/run/docker/metrics.sock'), 'runtime-auxiliary');
  t.is(runtimeFromName('/srv/metrics.sock'), null);
});
