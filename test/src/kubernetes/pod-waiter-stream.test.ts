/** The waiter's list-then-watch stream against a scripted API: every path that resolves a pod, and the fallbacks. */
import test from 'ava';
import type { CoreV1Api, CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { PodWaiter, type PodWatchOpener } from '../../../src/kubernetes/pod-waiter.js';

const pod = (name: string, phase: string): V1Pod => ({ metadata: { name }, status: { phase } });

/** A fake API: `pods` is what the next list returns; watches are recorded for the test to drive. */
function fakeApi(options: { refuseWatch?: boolean; events?: CoreV1Event[] } = {}) {
  const state = {
    pods: [] as V1Pod[],
    lists: 0,
    eventLists: 0,
    watches: [] as Array<{ version: string; onPod: (p: V1Pod) => void; onEnd: () => void; stopped: boolean }>,
  };
  const core = {
    listNamespacedPod: async () => ({ items: state.pods, metadata: { resourceVersion: String(++state.lists) } }),
    listNamespacedEvent: async () => (state.eventLists++, { items: options.events ?? [] }),
  } as unknown as CoreV1Api;
  const open: PodWatchOpener = async (_ns, _selector, version, onPod, onEnd) => {
    if (options.refuseWatch) throw new Error('watch refused (403)');
    const w = { version, onPod, onEnd, stopped: false };
    state.watches.push(w);
    return () => (w.stopped = true);
  };
  return { state, core, open };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

test('a pod that ended before the watch started is resolved from the first list', async (t) => {
  const api = fakeApi();
  api.state.pods = [pod('a', 'Succeeded')];
  const waiter = new PodWaiter(api.core, 'sel', api.open);
  t.deepEqual(await waiter.wait('ns', 'a'), { done: true, phase: 'Succeeded' });
  t.is(api.state.watches.length, 0, 'nothing left to wait for: no watch opened');
  waiter.close();
});

test('a pod that ends later is resolved by the watch event, with no further list, and the watch stops', async (t) => {
  const api = fakeApi();
  api.state.pods = [pod('a', 'Pending')];
  const waiter = new PodWaiter(api.core, 'sel', api.open, { resyncMs: 60_000 });
  const ended = waiter.wait('ns', 'a');
  await tick(10);
  t.is(api.state.watches.length, 1);
  t.is(api.state.watches[0].version, '1', 'watch starts at the list resource version');
  api.state.watches[0].onPod(pod('a', 'Running'));
  api.state.watches[0].onPod(pod('other', 'Failed'));
  api.state.watches[0].onPod(pod('a', 'Failed'));
  t.deepEqual(await ended, { done: true, phase: 'Failed' });
  await tick(10);
  t.true(api.state.watches[0].stopped);
  t.is(api.state.lists, 1);
  waiter.close();
});

test('a refused watch falls back to listing again', async (t) => {
  const api = fakeApi({ refuseWatch: true });
  api.state.pods = [pod('a', 'Pending')];
  const waiter = new PodWaiter(api.core, 'sel', api.open, { retryMs: 20 });
  const ended = waiter.wait('ns', 'a');
  await tick(100);
  t.true(api.state.lists >= 2, `listed ${api.state.lists} times`);
  api.state.pods = [pod('a', 'Succeeded')];
  t.deepEqual(await ended, { done: true, phase: 'Succeeded' });
  waiter.close();
});

test('a watch that breaks or stalls is replaced after a fresh list', async (t) => {
  const api = fakeApi();
  api.state.pods = [pod('a', 'Pending'), pod('b', 'Pending')];
  const waiter = new PodWaiter(api.core, 'sel', api.open, { resyncMs: 80, retryMs: 10 });
  const a = waiter.wait('ns', 'a');
  const b = waiter.wait('ns', 'b');
  await tick(10);
  api.state.pods = [pod('a', 'Succeeded'), pod('b', 'Pending')];
  api.state.watches[0].onEnd(); // the connection dropped without an event for a
  t.deepEqual(await a, { done: true, phase: 'Succeeded' });
  t.is(api.state.watches.length, 2);
  api.state.pods = [pod('b', 'Succeeded')]; // b's end is never announced: the resync list finds it
  t.deepEqual(await b, { done: true, phase: 'Succeeded' });
  t.true(api.state.watches[1].stopped);
  waiter.close();
});

test('a pod the kubelet can never start is resolved from its warning event', async (t) => {
  const event = { involvedObject: { name: 'a' }, reason: 'FailedMount', message: 'MountVolume.SetUp failed: hostPath type check failed: /nope is not a socket file', metadata: {} } as CoreV1Event;
  const api = fakeApi({ events: [event] });
  api.state.pods = [pod('a', 'Pending')];
  const waiter = new PodWaiter(api.core, 'sel', api.open, { eventsMs: 20, resyncMs: 60_000 });
  const end = await waiter.wait('ns', 'a');
  t.false(end.done);
  t.regex(end.done ? '' : end.reason, /^FailedMount: .*not a socket/);
  waiter.close();
});

test('a forgotten pod stops the stream', async (t) => {
  const api = fakeApi();
  api.state.pods = [pod('a', 'Pending')];
  const waiter = new PodWaiter(api.core, 'sel', api.open, { resyncMs: 60_000 });
  void waiter.wait('ns', 'a');
  await tick(10);
  waiter.forget('ns', 'a');
  api.state.watches[0].onPod(pod('x', 'Running'));
  await tick(10);
  t.true(api.state.watches[0].stopped);
  waiter.close();
});
