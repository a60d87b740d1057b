/** Probe output is untrusted: markers, size, shape and ids are enforced. */
import test from 'ava';
import { parseProbeOutput, MAX_PROBE_OUTPUT_BYTES } from '../../../src/run/probe-output.js';
import { AGENT_BEGIN, AGENT_END } from '../../../probes/model.js';

const known = new Set(['a', 'b']);
const wrap = (doc: unknown) => `noise\n${AGENT_BEGIN}\n${JSON.stringify(doc)}\n${AGENT_END}\n`;
const good = { agent: { version: 1, node: 'v20', durationMs: 10 }, environment: { kernelRelease: '6.1' }, results: [{ id: 'a', ok: true, evidence: { x: 1 }, durationMs: 1 }] };

test('accepts a well-formed document among noise', (t) => {
  const r = parseProbeOutput(wrap(good), known);
  t.true(r.ok);
});

test('rejects missing markers, bad JSON, wrong shapes, unknown or duplicate ids', (t) => {
  const reason = (raw: string) => {
    const r = parseProbeOutput(raw, known);
    return r.ok ? 'accepted' : r.reason;
  };
  t.regex(reason('{"agent":1}'), /no agent document/);
  t.regex(reason(`${AGENT_BEGIN}\n{oops\n${AGENT_END}`), /not valid JSON/);
  t.regex(reason(wrap({ results: 'x' })), /wrong shape/);
  t.regex(reason(wrap({ ...good, agent: { version: 9 } })), /unsupported agent protocol/);
  t.regex(reason(wrap({ ...good, results: [{ id: 'zzz', ok: true, evidence: {}, durationMs: 1 }] })), /unknown check result/);
  t.regex(reason(wrap({ ...good, results: [good.results[0], good.results[0]] })), /duplicate result/);
  t.regex(reason(wrap({ ...good, results: [{ id: 'a', ok: true, evidence: 'str', durationMs: 1 }] })), /invalid/);
});

test('rejects oversized output, even a well-formed document', (t) => {
  const padded = `${'x'.repeat(MAX_PROBE_OUTPUT_BYTES)}${wrap(good)}`;
  t.true(parseProbeOutput(wrap(good), known).ok, 'the same document fits when small');
  const r = parseProbeOutput(padded, known);
  t.false(r.ok);
  t.regex(r.ok ? '' : r.reason, /output larger than \d+ bytes/);
});

test('a document must echo the probe\'s challenge when one was issued', (t) => {
  const withChallenge = { ...good, agent: { ...good.agent, challenge: 'c0ffee' } };
  t.true(parseProbeOutput(wrap(withChallenge), known, 'c0ffee').ok);
  for (const doc of [good, { ...good, agent: { ...good.agent, challenge: 'c0ffef' } }, { ...good, agent: { ...good.agent, challenge: 1 } }]) {
    const r = parseProbeOutput(wrap(doc), known, 'c0ffee');
    t.false(r.ok);
    t.regex(r.ok ? '' : r.reason, /does not echo this probe's challenge/);
  }
  t.true(parseProbeOutput(wrap(good), known).ok, 'no challenge issued: none needed');
});
