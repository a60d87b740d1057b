/** Stale runs: namespaces past their expiry whose runner is gone; the own run and unmarked ones are never touched. */
import test from 'ava';
import type { V1Namespace } from '@kubernetes/client-node';
import { EXPIRES_ANNOTATION, runExpiry, staleRuns } from '../../../src/kubernetes/stale-runs.js';

const now = new Date('2026-12-01T12:00:00Z');
const ns = (name: string, runId: string, expires?: string, phase?: string): V1Namespace => ({
  metadata: { name, labels: { 'escapekit.io/run-id': runId }, ...(expires ? { annotations: { [EXPIRES_ANNOTATION]: expires } } : {}) },
  ...(phase ? { status: { phase } } : {}),
});

test('expiry: every probe one after the other at its timeout, plus a 2 minute margin', (t) => {
  t.is(runExpiry(now, 3, 60_000), '2026-12-01T12:05:00.000Z');
  t.is(runExpiry(now, 0, 60_000), '2026-12-01T12:03:00.000Z');
});

test('only expired namespaces of other runs, grouped by run', (t) => {
  const past = '2026-12-01T11:00:00Z';
  const stale = staleRuns([
    ns('a-cluster', 'a', past), ns('a-restricted', 'a', past),
    ns('b-cluster', 'b', '2026-12-01T13:00:00Z'), // still within its time
    ns('c-cluster', 'c'), // no mark (older escapekit): left to cleanup
    ns('own-cluster', 'own', past),
    ns('d-cluster', 'd', past, 'Terminating'),
    ns('e-cluster', 'e', 'garbage'),
  ], now, 'own');
  t.deepEqual([...stale], [['a', ['a-cluster', 'a-restricted']]]);
});

test('pods of a --namespace run: expired ones of other runs, not those being deleted', (t) => {
  const past = '2026-12-01T11:00:00Z';
  const pod = (name: string, runId: string, expires?: string, deleting = false) => ({
    metadata: { name, labels: { 'escapekit.io/run-id': runId }, ...(expires ? { annotations: { [EXPIRES_ANNOTATION]: expires } } : {}), ...(deleting ? { deletionTimestamp: new Date(past) } : {}) },
  });
  const stale = staleRuns([pod('p1', 'a', past), pod('p2', 'a', past), pod('p3', 'b', past, true), pod('p4', 'c'), pod('p5', 'own', past), pod('p6', 'd', '2026-12-01T12:30:00Z')], now, 'own');
  t.deepEqual([...stale], [['a', ['p1', 'p2']]]);
});
