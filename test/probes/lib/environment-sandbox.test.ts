/** Sandbox detection (probes/environment.ts) and LSM label judgement. */
import test from 'ava';
import { detectSandbox } from '../../../probes/environment.js';
import { judgeLabel } from '../../../probes/lsm/lsm-confinement.js';

test('detectSandbox: gVisor by its fake kernel build or gofer mounts, Kata by its kernel command line', (t) => {
  t.is(detectSandbox('Linux version 4.4.0 #1 SMP Sun Jan 10 15:06:54 PST 2016', '', '', false), 'gvisor');
  t.is(detectSandbox('Linux version 4.19.0-gvisor #1 SMP Sun Jan 10 15:06:54 PST 2016', '', '', false), 'gvisor');
  t.is(detectSandbox('Linux version 6.8.0', '', '', false, '', '24 16 0:25 / / rw - 9p none rw,trans=fd,rfdno=7,wfdno=7'), 'gvisor');
  t.is(detectSandbox('Linux version 6.1.62', '', '', false, 'tsc=reliable agent.log=debug systemd.unit=kata-containers.target'), 'kata');
  t.is(detectSandbox('Linux version 6.18.44-fc-v657 (root@vm) #1 SMP PREEMPT_DYNAMIC', 'Firecracker', '', false, 'console=ttyS0 quiet', '72 48 0:39 / / rw - overlay overlay rw'), null);
});

test('judgeLabel: AppArmor modes and SELinux types', (t) => {
  t.true(judgeLabel('docker-default (enforce)\n').confined);
  t.true(judgeLabel('cri-containerd.apparmor.d (enforce)').confined);
  t.false(judgeLabel('unconfined').confined);
  t.false(judgeLabel('docker-default (complain)').confined);
  t.true(judgeLabel('system_u:system_r:container_t:s0:c123,c456').confined);
  t.false(judgeLabel('system_u:system_r:spc_t:s0').confined);
  t.false(judgeLabel('unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023').confined);
  t.is(judgeLabel('system_u:system_r:httpd_t:s0').confined, null);
  t.is(judgeLabel('').confined, null);
});

test('sandboxSignal names the evidence that named the sandbox', async (t) => {
  const { sandboxSignal } = await import('../../../probes/environment.js');
  const none = { procVersion: 'Linux version 6.1.0 (gcc) #1 SMP', dmiProduct: '', cpuinfo: '', gvisorMarker: false, kernelCmdline: '', mountinfo: '' };
  t.is(sandboxSignal(none), null);
  t.regex(sandboxSignal({ ...none, procVersion: 'Linux version 4.4.0 #1 SMP Sun Jan 10 15:06:54 PST 2016' })!, /kernel build in \/proc\/version/);
  t.regex(sandboxSignal({ ...none, mountinfo: '8 8 0:8 / / rw  - 9p none rw,trans=fd,rfdno=4,wfdno=4,aname=/\n' })!, /gofer mounts/);
  t.regex(sandboxSignal({ ...none, gvisorMarker: true })!, /\/proc\/self\/gvisor/);
});
