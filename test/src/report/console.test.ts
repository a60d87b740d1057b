/** Console reporter: the matrix, the failing scenarios, the summary; colour only when asked. */
import test from 'ava';
import { progressLine, renderConsole } from '../../../src/report/console.js';
import { sampleReport, scenarioFixture } from '../../helpers/sample-report.js';

test('matrix: one row per scenario, a column per boundary seen, ! where a verdict differs from the expectation', (t) => {
  const out = renderConsole(sampleReport());
  t.regex(out, /^escapekit 0\.1\.0 run 20261126t120000-abcdef on docker \(Docker 20\.10\.24\), kernel 6\.1\.0/);
  t.regex(out, /\s+PID\s+CAPS\s+expectation/);
  t.regex(out, /docker-canaries\/host-pid\s+XX\s+ok\s+met/);
  t.regex(out, /docker-baseline\/hardened\s+!XX\s+-\s+UNMET/);
  t.regex(out, /docker-canaries\/host-block-device\s+.*error/);
  t.regex(out, /\n3 scenarios: 1 met, 1 unmet, 1 errors\n$/);
});

test('failing scenarios list their error and unmet expectations', (t) => {
  const out = renderConsole(sampleReport());
  t.regex(out, /docker-baseline\/hardened:\n  - host-pid: expected holds, got broken/);
  t.regex(out, /docker-canaries\/host-block-device:\n  error: docker: no such device \/dev\/loop0/);
});

test('boundaries left inconclusive by the scenario\'s error are named once, not repeated with the error', (t) => {
  const error = 'probe pod stuck: ErrImageNeverPull';
  const report = sampleReport();
  report.scenarios = [scenarioFixture({
    name: 'stuck', error,
    expectation: { met: false, unmet: [`host-pid: expected holds, got inconclusive (host-pid-namespace: probe failed: ${error})`, `devices: expected holds, got inconclusive (host-devices-visible: probe failed: ${error})`, 'admission: expected denied, got allowed'] },
  })];
  const out = renderConsole(report);
  t.is(out.split(error).length - 1, 1, 'the error text appears once');
  t.regex(out, /  - admission: expected denied, got allowed/);
  t.regex(out, /  - not verified because of that error: host-pid, devices/);
});

test('colour only when asked', (t) => {
  t.false(renderConsole(sampleReport()).includes('\x1b['));
  t.true(renderConsole(sampleReport(), true).includes('\x1b[31m'));
  const s = sampleReport().scenarios[2];
  t.is(progressLine(s, 3, 12, false), '[ 3/12] docker-canaries/host-block-device: ERROR - docker: no such device /dev/loop0');
});

test('holds: ["*"] marks no boundary the scenario never evaluated', (t) => {
  const report = sampleReport();
  report.scenarios = [
    scenarioFixture({ name: 'star', boundaries: { 'host-pid': 'holds' }, expected: { broken: [], holds: ['*'], admission: 'allowed' } }),
    scenarioFixture({ name: 'other', boundaries: { 'host-pid': 'holds', capabilities: 'holds' } }),
  ];
  t.regex(renderConsole(report), /docker-canaries\/star\s+ok\s+-\s+met/);
});
