/** Builds suites/suite.schema.json (JSON Schema for editors) from the contract's lists. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { suiteJsonSchema } from '../src/suite/json-schema.js';
import { paths } from '../src/paths.js';

const file = path.join(paths.suites, 'suite.schema.json');
writeFileSync(file, `${JSON.stringify(suiteJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
