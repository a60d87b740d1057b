import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../src/errors.js';
import { kindConfigNodeCount } from '../../../src/kind/config.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-kindcfg-'));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

test('the shipped configs declare 1, 1, 1 and 3 nodes', (t) => {
  const count = (name: string) => kindConfigNodeCount(path.join(REPO_ROOT, 'kind-config', `${name}.yaml`));
  t.deepEqual(['default', 'pss-baseline', 'pss-restricted', 'multi-node'].map(count), [1, 1, 1, 3]);
});

test('no nodes list means kind\'s single control plane; an empty or odd list and bad YAML are usage errors', (t) => {
  t.is(kindConfigNodeCount(file('none.yaml', 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n')), 1);
  for (const [name, text] of [['empty.yaml', 'kind: Cluster\nnodes: []\n'], ['odd.yaml', 'nodes: three\n'], ['bad.yaml', 'nodes: [\n']]) {
    const e = t.throws(() => kindConfigNodeCount(file(name, text)), { instanceOf: UsageError });
    t.regex(e.message, new RegExp(`kind config .*${name.replace('.', '\\.')}`));
  }
});
