/**
 * Error paths of the kind lifecycle wrapper, with a fake `kind` on PATH that fails (or is
 * missing). Creating, using and deleting real kind clusters: kind-clusters.test.ts.
 */
import test from 'ava';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { noStack, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-kind-'));
writeFileSync(path.join(dir, 'kind'), `#!/bin/sh
echo "ERROR: failed to create cluster: node image not found" >&2; exit 1
`);
chmodSync(path.join(dir, 'kind'), 0o755);
const env = { PATH: `${dir}:${process.env.PATH}` };

test('kind failures and a missing kind are exit-2 errors with kind\'s own message', async (t) => {
  const failed = await runCli(['cluster', 'up', '--name', 'ek-fake'], { env });
  t.is(failed.code, 2);
  t.regex(failed.stderr, /kind create cluster failed: ERROR: failed to create cluster: node image not found/);
  t.true(noStack(failed.stderr));
  const missing = await runCli(['cluster', 'up', '--name', 'ek-fake'], { env: { PATH: path.dirname(process.execPath) } });
  t.is(missing.code, 2);
  t.regex(missing.stderr, /kind command is not installed/);
});

test('bad cluster arguments are exit-2 errors before kind runs', async (t) => {
  for (const [args, message] of [
    [['cluster', 'up', '--config', 'nope'], /unknown kind config 'nope'/],
    [['cluster', 'up', '--config', '/nonexistent/x.yaml'], /kind config not found/],
    [['cluster', 'up', '--name', 'Bad_Name'], /not a valid cluster name/],
    [['cluster', 'up', '--wait', '0'], /--wait must be a positive whole number/],
    [['cluster', 'sideways'], /expected 'cluster up' or 'cluster down'/],
  ] as const) {
    const r = await runCli([...args], { env });
    t.is(r.code, 2, args.join(' '));
    t.regex(r.stderr, message, args.join(' '));
    t.true(noStack(r.stderr));
  }
});
