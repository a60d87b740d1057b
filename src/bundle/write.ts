/**
 * Writes an evidence bundle: report.json (canonical), per-check evidence, rendered reports,
 * manifest.json (SHA-256 of every file) and, with a key, manifest.sig + signer.pub.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { writeChunks } from '../cli/output.js';
import { checkFolderDestination } from '../io/destinations.js';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { Report } from '../model/report.js';
import { REPORTERS } from '../report/index.js';
import { jsonReportChunks } from '../report/json.js';
import { exitCodeFor, type ExitPolicy } from '../run/exit-code.js';
import { evidenceFiles } from './evidence.js';
import { fingerprint, loadPrivateKey, publicPem } from './keys.js';
import { buildManifest, manifestBytes, MANIFEST, SIGNATURE, SIGNER } from './manifest.js';
import { signBytes } from './sign.js';

/** Where and how to write a bundle, checked before the run starts. */
export interface BundlePlan {
  dir: string;
  key?: KeyObject;
}

/** Validates `--bundle DIR` (absent or empty) and loads the `--sign` key, so bad input fails before any probe runs. */
export function planBundle(dir: string | undefined, signKeyFile: string | undefined): BundlePlan | undefined {
  if (signKeyFile && !dir) throw new UsageError('--sign needs --bundle DIR (the signature covers the bundle manifest)');
  if (!dir) return undefined;
  checkFolderDestination(dir, '--bundle');
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UsageError(`--bundle ${dir}: exists and is not an empty folder`, 'give a new folder: a bundle must contain exactly the files it lists');
  }
  return { dir, ...(signKeyFile ? { key: loadPrivateKey(signKeyFile) } : {}) };
}

/** Rendered reports stored beside the canonical JSON. */
const RENDERED: Array<[string, 'html' | 'markdown' | 'sarif' | 'junit']> = [
  ['report.html', 'html'],
  ['report.md', 'markdown'],
  ['report.sarif', 'sarif'],
  ['report.junit.xml', 'junit'],
];

/** Writes the bundle; returns the number of files listed and the signer's fingerprint, if signed. */
export function writeBundle(plan: BundlePlan, report: Report, policy: ExitPolicy): { files: number; signer?: string } {
  const put = (rel: string, text: string | Iterable<string>) => {
    const file = path.join(plan.dir, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof text === 'string') return writeFileSync(file, text, { flag: 'wx' });
    const fd = openSync(file, 'wx');
    try {
      writeChunks(fd, text);
    } finally {
      closeSync(fd);
    }
  };
  mkdirSync(plan.dir, { recursive: true });
  put('report.json', jsonReportChunks(report));
  for (const [name, format] of RENDERED) put(name, REPORTERS[format](report, false, { policy }));
  for (const e of evidenceFiles(report)) put(e.path, e.text);
  if (plan.key) put(SIGNER, publicPem(plan.key));
  const manifest = buildManifest(plan.dir, {
    tool: { ...report.tool },
    runId: report.runId,
    createdAt: new Date().toISOString(),
    outcome: { exitCode: exitCodeFor(report, policy), failOn: policy.failOn, inconclusive: policy.inconclusive },
  });
  const bytes = manifestBytes(manifest);
  put(MANIFEST, bytes.toString('utf8'));
  if (plan.key) put(SIGNATURE, signBytes(bytes, plan.key));
  return { files: manifest.files.length, ...(plan.key ? { signer: fingerprint(plan.key) } : {}) };
}
