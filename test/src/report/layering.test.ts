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

test('the sandbox is named per scenario from the probe\'s evidence, with the signal that named it', (t) => {
  const r = sampleReport();
  t.true(r.scenarios.length >= 2, 'the sample report has several scenarios');
  for (const s of r.scenarios) s.environment = { kernelRelease: null, sandbox: 'gvisor', sandboxSignal: "gVisor's fixed kernel build in /proc/version", hypervisor: { cpuFlag: true } };
  t.regex(describeLayering(r)!, /sandbox runtime gvisor between probe and host \(seen by gVisor's fixed kernel build in \/proc\/version\)/);
  r.scenarios[1].environment = { kernelRelease: '6.1.0', sandbox: null, hypervisor: { cpuFlag: true } };
  t.regex(describeLayering(r)!, new RegExp(`sandbox runtime gvisor between probe and host in ${r.scenarios.length - 1} of ${r.scenarios.length} scenarios \\(${r.scenarios[0].name}`));
});
