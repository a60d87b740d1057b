/** suites/suite.schema.json is current and accepts every shipped suite (and refuses a bad one). */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import { suiteJsonSchema } from '../../../src/suite/json-schema.js';
import { shippedSuiteNames, resolveSuite } from '../../../src/suite/resolve.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const schema = suiteJsonSchema();

test('the committed schema is the generated one (run npm run docs)', (t) => {
  t.deepEqual(JSON.parse(readFileSync(path.join(REPO_ROOT, 'suites', 'suite.schema.json'), 'utf8')), schema);
});

test('every shipped suite validates; an unknown key does not', (t) => {
  const validate = new Ajv({ allErrors: true }).compile(schema);
  for (const name of shippedSuiteNames()) t.true(validate(parse(readFileSync(resolveSuite(name), 'utf8'))), `${name}: ${JSON.stringify(validate.errors)}`);
  t.false(validate({ name: 's', scenarios: [{ name: 'a', posture: { hostPid: true } }] }));
});

test('the schema refuses what the loader refuses: traversal, unnormalized paths, mounts over the probe', (t) => {
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const withPosture = (posture: unknown) => validate({ name: 's', scenarios: [{ name: 'a', posture }] });
  t.true(withPosture({ mounts: [{ hostPath: '/', path: '/host' }], devices: ['/dev/loop0'] }));
  for (const posture of [
    { mounts: [{ hostPath: '/../../etc', path: '/h' }] },
    { mounts: [{ hostPath: '//etc', path: '/h' }] },
    { mounts: [{ hostPath: '/etc', path: '/tmp' }] },
    { mounts: [{ hostPath: '/etc', path: '/tmp/x' }] },
    { mounts: [{ hostPath: '/etc', path: '/' }] },
    { devices: ['/dev/../etc/shadow'] },
  ]) t.false(withPosture(posture), JSON.stringify(posture));
});
