/** `npm run docs`: writes docs/checks.md from the registry. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderChecksDoc } from '../src/docs/checks-doc.js';
import { paths } from '../src/paths.js';

const file = path.join(paths.root, 'docs', 'checks.md');
writeFileSync(file, renderChecksDoc());
console.log(`wrote ${file}`);
