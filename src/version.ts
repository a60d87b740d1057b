/** The tool's version from package.json. */
import { readFileSync } from 'node:fs';
import { paths } from './paths.js';

let cached: string | undefined;

/** Version string of the installed escapekit. */
export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(paths.packageJson, 'utf8')) as { version: string }).version;
  return cached;
}
