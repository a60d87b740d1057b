/** `list` and `explain` as a user runs them. */
import test from 'ava';
import { BOUNDARY_IDS } from '../../../probes/model.js';
import { runCli } from '../../helpers/cli.js';

test('list checks --json: the contract shape, a boundary and a mapping each', async (t) => {
  const r = await runCli(['list', 'checks', '--json']);
  t.is(r.code, 0);
  const checks = JSON.parse(r.stdout) as Array<{ id: string; boundary: string; title: string; severity: string; safety: string; mappings: Array<{ framework: string; id: string }> }>;
  t.true(checks.length >= 15, `${checks.length} checks`);
  for (const c of checks) {
    t.true((BOUNDARY_IDS as readonly string[]).includes(c.boundary), c.id);
    t.true(c.mappings.length >= 1 && c.mappings.every((m) => m.framework && m.id), c.id);
    t.truthy(c.title && c.severity && c.safety, c.id);
  }
});

test('list boundaries and suites', async (t) => {
  const b = await runCli(['list', 'boundaries', '--json']);
  t.deepEqual((JSON.parse(b.stdout) as Array<{ id: string }>).map((x) => x.id), [...BOUNDARY_IDS]);
  const s = await runCli(['list', 'suites']);
  t.regex(s.stdout, /docker-baseline\s+docker/);
  t.regex(s.stdout, /docker-canaries\s+docker/);
});

test('explain a check', async (t) => {
  const r = await runCli(['explain', 'host-pid-namespace']);
  t.is(r.code, 0);
  t.regex(r.stdout, /Why it matters: /);
  t.regex(r.stdout, /mitre-attack\s+T1611/);
});
