/** The layering line: sandbox runtime and hypervisor as the probe saw them. */
import test from 'ava';
import { describeLayering } from '../../../src/report/layering.js';
import { sampleReport } from '../../helpers/sample-report.js';

test('names the kernel, the sandbox runtime and the hypervisor', (t) => {
  const r = sampleReport();
  t.is(describeLayering(r), null);
  r.scenarios[0].environment = { kernelRelease: '6.1.0', sandbox: 'gvisor', hypervisor: { cpuFlag: true, dmiVendor: 'QEMU', type: null } };
  t.is(describeLayering(r), 'layering: kernel 6.1.0; sandbox runtime gvisor between probe and host; the host itself runs under a hypervisor (QEMU): an escape reaches that VM, not the hardware');
  r.scenarios[0].environment = { kernelRelease: '6.1.0', sandbox: null, hypervisor: { cpuFlag: false } };
  t.regex(describeLayering(r)!, /no sandbox runtime detected; no hypervisor flag/);
});
