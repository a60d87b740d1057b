/** Validation against the official SARIF 2.1.0 JSON schema (draft-04), with real format checks. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv-draft-04';
import { REPO_ROOT } from './paths.js';

const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;

/** RFC 3339 date-time, as the schema's `date-time` format requires. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** The CommonJS module's default export, seen through ESM interop. */
const AjvDraft04 = (AjvModule as unknown as { default: new (options: object) => InstanceType<typeof AjvModule.default> }).default;
const ajv = new AjvDraft04({ allErrors: true, strict: false });
ajv.addFormat('date-time', (v: string) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
ajv.addFormat('uri', (v: string) => {
  try {
    return new URL(v).protocol.length > 1;
  } catch {
    return false;
  }
});
ajv.addFormat('uri-reference', (v: string) => {
  try {
    new URL(v, 'http://base.invalid/');
    return !/\s/.test(v);
  } catch {
    return false;
  }
});
const validate = ajv.compile(schema);

/** Schema errors of a SARIF log as readable lines (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e: { instancePath: string; message?: string; params: unknown }) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
