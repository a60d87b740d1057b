/** Live progress: per-node runs count every probe, so the counter never reads "[3/2]". */
import test from 'ava';
import { executeRun } from '../../../src/run/runner.js';
import type { Scenario, Suite } from '../../../src/suite/types.js';
import type { ProbeOutcome, Target } from '../../../src/targets/types.js';

const scenario = (name: string): Scenario => ({ name, posture: {}, expect: { broken: [], holds: [], admission: 'allowed' }, location: 'suite.yaml:1:1' });
const suite: Suite = { name: 's', target: 'any', scenarios: [scenario('a'), scenario('b')], file: 'suite.yaml' };

/** A target whose every scenario yields one (failed) outcome per node. */
function perNodeTarget(nodes: string[], declared: number | undefined): Target {
  return {
    kind: 'kubernetes',
    probesPerScenario: declared,
    prepare: async () => {},
    describe: async () => ({ kind: 'kubernetes' }) as never,
    run: async (): Promise<ProbeOutcome[]> => nodes.map((node) => ({ node, admission: 'allowed', error: 'no probe here' })),
    cleanup: async () => {},
  };
}

test('the total counts one probe per node and done never exceeds it', async (t) => {
  for (const declared of [3, undefined]) {
    const seen: Array<[number, number]> = [];
    await executeRun({ runId: 'r', suites: [suite], target: perNodeTarget(['n1', 'n2', 'n3'], declared), concurrency: 2, network: false, events: { scenarioDone: (_, done, total) => seen.push([done, total]) } });
    t.deepEqual(seen.map(([d]) => d), [1, 2, 3, 4, 5, 6], String(declared));
    t.true(seen.every(([d, total]) => d <= total), JSON.stringify(seen));
    if (declared === 3) t.true(seen.every(([, total]) => total === 6), JSON.stringify(seen));
  }
});
