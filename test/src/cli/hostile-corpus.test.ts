/**
 * Hostile and careless input, through the real CLI: a corpus generated here (suites, baselines,
 * keys, bundles, flags, command names) of links out of the input, FIFOs, devices, folders,
 * sparse multi-gigabyte files, terminal escapes, traversal paths and malformed numbers. Every
 * case must end within 5 s with the exit code and message it asserts, without a stack trace,
 * without a raw control character from the input on the terminal, and without touching an
 * engine (DOCKER_HOST and KUBECONFIG point nowhere: a check that came too late would say so).
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeys } from '../../../src/bundle/keys.js';
import { manifestBytes, type Manifest } from '../../../src/bundle/manifest.js';
import { planBundle, writeBundle } from '../../../src/bundle/write.js';
import { DEFAULT_POLICY } from '../../../src/run/exit-code.js';
import { noStack, runCli } from '../../helpers/cli.js';
import { sampleReport } from '../../helpers/sample-report.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-hostile-cli-'));
const at = (...parts: string[]) => path.join(dir, ...parts);
const fifo = (file: string) => execFileSync('mkfifo', [file]);
const sparse = (file: string, bytes: number) => {
  writeFileSync(file, '');
  truncateSync(file, bytes);
};
const GiB = 1024 ** 3;
const keys = generateKeys();
writeFileSync(at('signer.pem'), keys.privatePem, { mode: 0o600 });
writeFileSync(at('signer.pub'), keys.publicPem);
const SUITE = 'name: s\ntarget: docker\nscenarios:\n  - name: a\n';

/** A suite file with `text` (string or raw bytes) under `name`. */
function suiteFile(name: string, text: string | Buffer): string {
  writeFileSync(at(name), text);
  return at(name);
}

let bundles = 0;
/** A fresh bundle of the sample report, signed or not, then changed by `alter`. */
function bundle(signed: boolean, alter: (b: string) => void = () => undefined): string {
  const b = at(`bundle-${++bundles}`);
  writeBundle(planBundle(b, signed ? at('signer.pem') : undefined)!, sampleReport(), DEFAULT_POLICY);
  alter(b);
  return b;
}

/** Rewrites an unsigned bundle's manifest (anyone can: that is what "unsigned" means). */
function rewriteManifest(b: string, change: (m: Record<string, unknown>) => void): void {
  const m = JSON.parse(readFileSync(path.join(b, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  change(m);
  writeFileSync(path.join(b, 'manifest.json'), manifestBytes(m as unknown as Manifest));
}

interface Case {
  name: string;
  args: string[];
  code: 0 | 1 | 2;
  /** Must appear in stdout or stderr. */
  message: RegExp;
  /** Must not appear anywhere in the output (e.g. the content of a file outside the input). */
  forbidden?: RegExp;
  /** A check of what is left on disk afterwards; returns a problem or undefined. */
  after?: () => string | undefined;
}

function cases(): Case[] {
  fifo(at('fifo.yaml'));
  symlinkSync('/dev/zero', at('zero.yaml'));
  symlinkSync('/etc/passwd', at('passwd.yaml'));
  mkdirSync(at('folder.yaml'));
  sparse(at('sparse.yaml'), 8 * GiB);
  fifo(at('fifo.json'));
  symlinkSync('/dev/zero', at('zero.json'));
  sparse(at('sparse.json'), 65 * 1024 * 1024);
  fifo(at('fifo.pem'));
  symlinkSync('/dev/zero', at('zero.pem'));
  symlinkSync(at('signer.pem'), at('link.pem'));
  writeFileSync(at('plain-file'), 'x');
  mkdirSync(at('reports'));
  fifo(at('report-fifo.json'));
  const escName = at('s\x1b[2K\rvalid.yaml');
  writeFileSync(escName, 'name: s\nscenarios: [');
  const suiteCase = (name: string, file: string, message: RegExp): Case => ({ name: `suite: ${name}`, args: ['run', '--suite', file], code: 2, message });
  const mount = (m: string) => `${SUITE}    posture: { mounts: [${m}] }\n`;
  return [
    // Suites
    suiteCase('a FIFO', at('fifo.yaml'), /suite file .*fifo\.yaml: is a FIFO, not a regular file/),
    suiteCase('a link to /dev/zero', at('zero.yaml'), /suite file .*zero\.yaml: is a symbolic link/),
    { ...suiteCase('a link to /etc/passwd', at('passwd.yaml'), /suite file .*passwd\.yaml: is a symbolic link/), forbidden: /root:/ },
    suiteCase('a folder', at('folder.yaml'), /suite file .*folder\.yaml: is a folder, not a regular file/),
    suiteCase('a sparse 8 GiB file', at('sparse.yaml'), /suite file .*sparse\.yaml: is 8589934592 bytes, larger than the 1048576-byte limit/),
    suiteCase('invalid UTF-8', suiteFile('utf8.yaml', Buffer.concat([Buffer.from(`${SUITE}    description: "`), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')])), /utf8\.yaml:5:19: suite file is not valid UTF-8 \(byte 0xc3\)/),
    suiteCase('%YAML 1.1 (yes would be a boolean)', suiteFile('yaml11.yaml', `%YAML 1.1\n---\n${SUITE}    posture: { privileged: yes }\n`), /yaml11\.yaml:1:1: suites are YAML 1\.2 \(core schema\); '%YAML 1\.1' is not supported/),
    suiteCase('yes is not a boolean in YAML 1.2', suiteFile('yes.yaml', `${SUITE}    posture: { privileged: yes }\n`), /yes\.yaml:5:28: posture\.privileged must be true or false, got a string/),
    suiteCase('a !!binary tag', suiteFile('binary.yaml', `${SUITE}    description: !!binary aGVsbG8=\n`), /binary\.yaml:5:18: invalid YAML: Unresolved tag/),
    suiteCase('hostPath with .. segments', suiteFile('dotdot.yaml', mount('{ hostPath: /../../etc, path: /h }')), /dotdot\.yaml:5:37: posture\.mounts\[0\]\.hostPath '\/\.\.\/\.\.\/etc' must not contain '\.\.' segments/),
    suiteCase('mount path with .. segments', suiteFile('dotdot-path.yaml', mount('{ hostPath: /etc, path: /x/../tmp }')), /posture\.mounts\[0\]\.path '\/x\/\.\.\/tmp' must not contain '\.\.' segments/),
    suiteCase('device path with .. segments', suiteFile('dev-dotdot.yaml', `${SUITE}    posture: { devices: [/dev/../etc/shadow] }\n`), /posture\.devices\[0\] '\/dev\/\.\.\/etc\/shadow' must not contain '\.\.' segments/),
    suiteCase('a path that is not normalized', suiteFile('slashes.yaml', mount('{ hostPath: //etc/./ssl/, path: /h }')), /hostPath '\/\/etc\/\.\/ssl\/' must be a normalized path \(e\.g\. '\/etc\/ssl'\)/),
    suiteCase('a mount over the probe scratch /tmp', suiteFile('tmp.yaml', mount('{ hostPath: /var/tmp, path: /tmp }')), /posture\.mounts\[0\]\.path '\/tmp' would cover the probe's own \/tmp/),
    suiteCase('a mount below the probe scratch', suiteFile('tmp-x.yaml', mount('{ hostPath: /etc, path: /tmp/work }')), /path '\/tmp\/work' would cover the probe's own \/tmp/),
    suiteCase('a mount over the probe root', suiteFile('root.yaml', mount('{ hostPath: /, path: / }')), /path '\/' would cover the probe's own root file system/),
    suiteCase('a mount over the probe agent', suiteFile('agent.yaml', mount('{ hostPath: /etc/hostname, path: /agent.mjs }')), /path '\/agent\.mjs' would cover the probe's own file \/agent\.mjs/),
    { ...suiteCase('terminal escapes in the file name', escName, /suite .*s\\e\[2K\\rvalid\.yaml/), forbidden: /\x1b/ },
    // Baselines
    { name: 'baseline: a FIFO', args: ['run', '--baseline', at('fifo.json')], code: 2, message: /--baseline .*fifo\.json: is a FIFO, not a regular file/ },
    { name: 'baseline: a link to /dev/zero', args: ['run', '--baseline', at('zero.json')], code: 2, message: /--baseline .*zero\.json: is a symbolic link/ },
    { name: 'baseline: a sparse 65 MiB file', args: ['run', '--baseline', at('sparse.json')], code: 2, message: /--baseline .*sparse\.json: is 68157440 bytes, larger than the 67108864-byte limit/ },
    { name: 'baseline: not JSON, never quoted', args: ['run', '--baseline', suiteFile('passwd.json', 'root:x:0:0:root:/root:/bin/bash\n')], code: 2, message: /--baseline .*passwd\.json: not a JSON report/, forbidden: /root:x/ },
    { name: 'baseline: a folder', args: ['run', '--baseline', at('reports')], code: 2, message: /--baseline .*reports: is a folder, not a regular file/ },
    // Keys
    { name: 'sign key: a FIFO', args: ['run', '--bundle', at('never-1'), '--sign', at('fifo.pem')], code: 2, message: /--sign .*fifo\.pem: is a FIFO/, after: () => (existsSync(at('never-1')) ? 'bundle folder created' : undefined) },
    { name: 'sign key: a link', args: ['run', '--bundle', at('never-2'), '--sign', at('link.pem')], code: 2, message: /--sign .*link\.pem: is a symbolic link/ },
    { name: 'pubkey: a FIFO', args: ['verify', bundle(true), '--pubkey', at('fifo.pem')], code: 2, message: /--pubkey .*fifo\.pem: is a FIFO/ },
    { name: 'pubkey: a link to /dev/zero', args: ['verify', bundle(true), '--pubkey', at('zero.pem')], code: 2, message: /--pubkey .*zero\.pem: is a symbolic link/ },
    // Bundles
    {
      name: 'bundle: manifest.json links to /etc/passwd',
      args: ['verify', bundle(false, (b) => (rmSync(path.join(b, 'manifest.json')), symlinkSync('/etc/passwd', path.join(b, 'manifest.json'))))],
      code: 1,
      message: /^manifest\.json: is a symbolic link/m,
      forbidden: /root:/,
    },
    { name: 'bundle: manifest.json is another file\'s content (hard link)', args: ['verify', bundle(false, (b) => writeFileSync(path.join(b, 'manifest.json'), 'root:x:0:0:root:/root:/bin/bash\n'))], code: 1, message: /^manifest\.json: not valid JSON$/m, forbidden: /root:x/ },
    { name: 'bundle: manifest.json is a FIFO', args: ['verify', bundle(false, (b) => (rmSync(path.join(b, 'manifest.json')), fifo(path.join(b, 'manifest.json'))))], code: 1, message: /^manifest\.json: is a FIFO, not a regular file/m },
    { name: 'bundle: manifest.sig is a FIFO', args: ['verify', bundle(true, (b) => (rmSync(path.join(b, 'manifest.sig')), fifo(path.join(b, 'manifest.sig'))))], code: 1, message: /^manifest\.sig: is a FIFO, not a regular file/m },
    { name: 'bundle: signer.pub is a FIFO', args: ['verify', bundle(true, (b) => (rmSync(path.join(b, 'signer.pub')), fifo(path.join(b, 'signer.pub'))))], code: 1, message: /^signer\.pub: is a FIFO, not a regular file/m },
    { name: 'bundle: manifest.sig links to /dev/zero', args: ['verify', bundle(true, (b) => (rmSync(path.join(b, 'manifest.sig')), symlinkSync('/dev/zero', path.join(b, 'manifest.sig'))))], code: 1, message: /^manifest\.sig: is a symbolic link/m },
    { name: 'bundle: manifest.sig is a folder', args: ['verify', bundle(true, (b) => (rmSync(path.join(b, 'manifest.sig')), mkdirSync(path.join(b, 'manifest.sig'))))], code: 1, message: /^manifest\.sig: is a folder, not a regular file/m },
    { name: 'bundle: a listed file grown to a sparse 3 GiB', args: ['verify', bundle(true, (b) => sparse(path.join(b, 'report.md'), 3 * GiB))], code: 1, message: /^report\.md: sha256 mismatch \(size 3221225472, listed \d+\)/m },
    { name: 'bundle: a listed file replaced by a folder', args: ['verify', bundle(true, (b) => (rmSync(path.join(b, 'report.md')), mkdirSync(path.join(b, 'report.md'))))], code: 1, message: /^report\.md: missing$/m },
    { name: 'bundle: an empty folder added after signing', args: ['verify', bundle(true, (b) => mkdirSync(path.join(b, 'evidence', 'extra')))], code: 1, message: /^evidence\/extra\/: folder not in the manifest \(added\)$/m },
    {
      name: 'bundle: the evidence folder links to a copy outside',
      args: ['verify', bundle(true, (b) => {
        cpSync(path.join(b, 'evidence'), `${b}-evidence`, { recursive: true });
        rmSync(path.join(b, 'evidence'), { recursive: true });
        symlinkSync(`${b}-evidence`, path.join(b, 'evidence'));
      })],
      code: 1,
      message: /^evidence: not a regular file$/m,
    },
    {
      name: 'bundle: a runId that redraws the line as valid',
      args: ['verify', bundle(false, (b) => rewriteManifest(b, (m) => (m.runId = 'x\x1b[2K\r\x1b[32mbundle ok: valid\x1b[0m')))],
      code: 0,
      message: /run x\\e\[2K\\r\\e\[32mbundle ok: valid\\e\[0m, .*NOT SIGNED/,
      forbidden: /\x1b|\r/,
    },
    { name: 'bundle: a runId object with a hostile toString', args: ['verify', bundle(false, (b) => rewriteManifest(b, (m) => (m.runId = { toString: 1 })))], code: 1, message: /^manifest\.json: runId and createdAt must be strings/m },
    { name: 'bundle: a listed path with terminal escapes', args: ['verify', bundle(false, (b) => rewriteManifest(b, (m) => ((m.files as Array<{ path: string }>)[0].path = 'a\x1b[2Kb')))], code: 1, message: /manifest\.json: files\[0\]: unsafe or missing path/, forbidden: /\x1b/ },
    { name: 'bundle: an added file named with terminal escapes', args: ['verify', bundle(true, (b) => writeFileSync(path.join(b, 'evidence', '\x1b[1A\x1b[2Kok.json'), '{}'))], code: 1, message: /^evidence\/\\e\[1A\\e\[2Kok\.json: not in the manifest \(added\)$/m, forbidden: /\x1b/ },
    { name: 'bundle: unsigned, --quiet still says so', args: ['verify', bundle(false), '--quiet'], code: 0, message: /: valid \(run .*\); NOT SIGNED/ },
    { name: 'bundle: a FIFO given as the bundle folder', args: ['verify', at('fifo.json')], code: 2, message: /verify: .*fifo\.json is not a folder/ },
    // Flags
    ...([['--concurrency', '-1'], ['--concurrency', '0x10'], ['--concurrency', ' 8 '], ['--timeout', '1e3'], ['--timeout', '1.5'], ['--concurrency', ''], ['--timeout', '0']] as const).map(([flag, value]): Case => ({
      name: `flag: ${flag} '${value}'`,
      args: ['run', flag, value],
      code: 2,
      message: new RegExp(`${flag} must be a whole number from 1 to 100000 written in decimal digits, got '${value.replace(/[.+]/g, '\\$&')}'`),
    })),
    { name: 'flag: --nodes bogus is refused before connecting', args: ['run', '--target', 'kubernetes', '--nodes', 'bogus'], code: 2, message: /--nodes accepts only 'all', got 'bogus'/ },
    ...(['--nodes=all', '--namespace=ns', '--context=c', '--kubeconfig=/etc/hostname', '--tolerate-taints', '--cluster-name=n'] as const).map((flag): Case => ({ name: `flag: ${flag} on docker`, args: ['run', flag], code: 2, message: new RegExp(`${flag.replace(/=.*/, '')} applies to --target (kubernetes or kind|kind), not docker`) })),
    { name: 'flag: --cluster-name on kubernetes', args: ['run', '--target', 'kubernetes', '--cluster-name', 'n'], code: 2, message: /--cluster-name applies to --target kind, not kubernetes/ },
    { name: 'flag: --kubeconfig is a FIFO', args: ['run', '--target', 'kubernetes', '--kubeconfig', at('fifo.json')], code: 2, message: /--kubeconfig .*fifo\.json: not a regular file/ },
    { name: 'flag: --image empty', args: ['run', '--image', ''], code: 2, message: /--image must not be empty/ },
    { name: 'flag: --image with a space', args: ['run', '--image', 'a b'], code: 2, message: /--image 'a b' is not an image reference/ },
    { name: 'flag: cleanup --kubeconfig on docker', args: ['cleanup', '--kubeconfig', '/etc/hostname'], code: 2, message: /cleanup: --kubeconfig applies to --target kubernetes or kind, not docker/ },
    { name: 'flag: cleanup --images on kubernetes', args: ['cleanup', '--target', 'kubernetes', '--images'], code: 2, message: /cleanup: --images applies to --target docker/ },
    { name: 'flag: cluster up --wait 1e3', args: ['cluster', 'up', '--wait', '1e3'], code: 2, message: /--wait must be a whole number from 1 to 100000 written in decimal digits, got '1e3'/ },
    // Report destinations, all before any engine is contacted
    { name: 'report: an existing folder', args: ['run', '--report', `json=${at('reports')}`], code: 2, message: /--report json: .*reports is a folder; give a file name/ },
    { name: 'report: a path under a regular file', args: ['run', '--report', `json=${at('plain-file', 'r.json')}`], code: 2, message: /--report json .*plain-file\/r\.json: cannot be created: a part of the path is a file/ },
    { name: 'report: a FIFO', args: ['run', '--report', `json=${at('report-fifo.json')}`], code: 2, message: /--report json: .*report-fifo\.json exists and is a FIFO, not a regular file/ },
    { name: 'report: the same file twice', args: ['run', '--report', `json=${at('r.json')}`, '--report', `sarif=${at('r.json')}`], code: 2, message: /--report sarif=.*r\.json: the same file as --report json=/ },
    { name: 'report: inside the bundle folder', args: ['run', '--bundle', at('b-new'), '--report', `html=${at('b-new', 'r.html')}`], code: 2, message: /--report html=.*b-new\/r\.html: inside the --bundle folder/ },
    { name: 'report: an empty file name', args: ['run', '--report', 'json='], code: 2, message: /--report json=: the file name is empty/ },
    { name: 'bundle: under a regular file', args: ['run', '--bundle', at('plain-file', 'b')], code: 2, message: /--bundle .*plain-file\/b: cannot be created/ },
    // keygen: both files or neither
    { name: 'keygen: the public key folder is missing', args: ['keygen', at('K.pem'), at('missing-dir', 'K.pub')], code: 2, message: /keygen: cannot create .*missing-dir\/K\.pub \(the folder .*missing-dir does not exist\)/, after: () => (existsSync(at('K.pem')) ? 'K.pem left behind' : undefined) },
    { name: 'keygen: the public key path is a FIFO', args: ['keygen', at('K2.pem'), at('fifo.json')], code: 2, message: /keygen: cannot create .*fifo\.json \(it exists; keys are never overwritten\)/, after: () => (existsSync(at('K2.pem')) ? 'K2.pem left behind' : undefined) },
    // Names echoed back
    { name: 'command: unknown, with terminal escapes', args: ['\x1b]0;owned\x07\x1b[2Jrun'], code: 2, message: /unknown command '\\e\]0;owned\\x07\\e\[2Jrun'/ },
    { name: 'explain: unknown id with terminal escapes', args: ['explain', 'host-pid\x1b[1A\rnamespace'], code: 2, message: /explain: unknown check 'host-pid\\e\[1A\\rnamespace'/ },
    { name: 'list: unknown kind with a bidi override', args: ['list', 'checks\u202e'], code: 2, message: /got 'checks\\u202e'/ },
    { name: 'run: unknown option with terminal escapes', args: ['run', '--\x1b[31mred'], code: 2, message: /run: Unknown option '--\\e\[31mred'/ },
  ];
}

test('every hostile or careless input ends within 5 s with its exit code and message, no stack, no raw control character, no engine contacted', async (t) => {
  const list = cases();
  t.true(list.length >= 60, `${list.length} cases`);
  const env = { DOCKER_HOST: 'unix:///nonexistent/escapekit-test.sock', KUBECONFIG: '/nonexistent/kubeconfig' };
  const failures: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: 2 }, async () => {
    while (next < list.length) {
      const c = list[next++];
      const started = Date.now();
      const r = await runCli(c.args, { env, timeoutMs: 15_000 });
      const ms = Date.now() - started;
      const out = `${r.stdout}${r.stderr}`;
      // Every case is judged in full, so one run lists every failing case, not just the first.
      const fail = (why: string) => failures.push(`${c.name}: ${why}\n${out}`);
      if (ms >= 5000) fail(`took ${ms} ms`);
      if (r.code !== c.code) fail(`exit ${r.code}, expected ${c.code}`);
      if (!c.message.test(out)) fail(`no match for ${c.message}`);
      if (!noStack(r.stderr) || /internal error/.test(out)) fail('a stack trace or an internal error');
      if (/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/.test(out)) fail(`a raw control character reached the terminal: ${JSON.stringify(out)}`);
      if (/unreachable at/.test(out)) fail('an engine was contacted before the input was refused');
      if (c.forbidden?.test(out)) fail(`forbidden output ${c.forbidden}`);
      const left = c.after?.();
      if (left) fail(left);
      t.pass();
    }
  }));
  t.deepEqual(failures, []);
  t.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp-')), [], 'no temporary file left');
});
