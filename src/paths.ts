/** Where the installed package keeps its files, resolved from this module. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fixed locations of the package's own files. */
export const paths = {
  root,
  suites: path.join(root, 'suites'),
  agentBundle: path.join(root, 'dist', 'agent', 'agent.mjs'),
  /** Static open_by_handle_at helper built from probes/image/fhandle.c (absent without a C compiler). */
  fhandleHelper: path.join(root, 'dist', 'agent', 'fhandle'),
  packageJson: path.join(root, 'package.json'),
} as const;
