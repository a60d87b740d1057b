/** The explicit registry matches the check files on disk and carries complete metadata. */
import test from 'ava';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CHECKS } from '../../probes/index.js';
import { buildRegistry } from '../../probes/registry.js';
import { BOUNDARY_IDS } from '../../probes/model.js';
import { REPO_ROOT } from '../helpers/paths.js';

/** Files that are helpers of a boundary folder, not checks. */
const isCheckFile = (name: string) => name.endsWith('.ts') && name !== 'index.ts' && !name.endsWith('-check.ts') && !name.startsWith('_');

test('every check file is registered, and every registered check has its file', (t) => {
  const onDisk: string[] = [];
  for (const boundary of BOUNDARY_IDS) {
    const dir = path.join(REPO_ROOT, 'probes', boundary);
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const f of readdirSync(dir).filter(isCheckFile)) onDisk.push(`${boundary}/${f.replace(/\.ts$/, '')}`);
  }
  const registered = CHECKS.map((c) => `${c.boundary}/${c.id}`);
  t.deepEqual([...registered].sort(), onDisk.sort());
});

test('the registry refuses duplicate ids', (t) => {
  t.throws(() => buildRegistry([[CHECKS[0]], [CHECKS[0]]]), { message: /duplicate check id/ });
});

test('every check has complete metadata', (t) => {
  for (const c of CHECKS) {
    t.regex(c.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, c.id);
    t.true((BOUNDARY_IDS as readonly string[]).includes(c.boundary), `${c.id}: boundary`);
    for (const field of ['title', 'rationale', 'method', 'remediation'] as const) t.true(c[field].length > 10, `${c.id}: ${field}`);
    t.true(c.mappings.length > 0, `${c.id}: mappings`);
    t.true(c.mappings.some((m) => m.framework === 'mitre-attack'), `${c.id}: a MITRE ATT&CK mapping`);
    t.true(c.targets.length > 0, `${c.id}: targets`);
  }
});
