/** The suite format as a JSON Schema, for editors (the loader itself validates with positions). */
import { BOUNDARY_IDS } from '../../probes/model.js';
import { CAPABILITY_NAMES } from '../../probes/lib/caps.js';
import { HOST_PATH_KINDS, PROC_MOUNTS, VOLUME_KINDS } from '../posture/types.js';
import { PROBE_OWN_FILES, PROBE_OWN_TREES } from './path-rules.js';

const NAME = '^[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?$';
const id = { type: 'integer', minimum: 0, maximum: 4294967294 };

/** `runtime-default`, `unconfined`, or a custom profile. */
function profileSetting(localhost: string): Record<string, unknown> {
  return {
    oneOf: [
      { enum: ['runtime-default', 'unconfined'] },
      { type: 'object', additionalProperties: false, required: ['localhostProfile'], properties: { localhostProfile: { type: 'string', minLength: 1, description: localhost } } },
    ],
  };
}

/** An absolute path without '.', '..', '//' or a trailing '/' (the loader's rule, src/suite/path-rules.ts). */
const NORMALIZED_PATH = '^(?!.*/\\.\\.?(/|$))/([^/]+(/[^/]+)*)?$';
/** Container paths a mount may not cover: the probe's own root, scratch, tools, procfs, binary and agent. */
const PROBE_PATHS = `^(/|${PROBE_OWN_TREES.map((t) => `${t.replace(/\./g, '\\.')}(/.*)?`).join('|')}|${PROBE_OWN_FILES.filter((f) => f !== '/').map((f) => f.replace(/\./g, '\\.')).join('|')})$`;

/** JSON Schema (draft-07) of a suite file. */
export function suiteJsonSchema(): Record<string, unknown> {
  // JSON Schema patterns have no case-insensitive flag: upper and lower case are listed.
  const names = ['ALL', ...CAPABILITY_NAMES].flatMap((n) => [n, n.toLowerCase()]);
  const capability = { type: 'string', pattern: `^(CAP_|cap_)?(${names.join('|')})$` };
  const boundaries = { type: 'array', items: { enum: [...BOUNDARY_IDS] }, uniqueItems: true };
  const posture = {
    type: 'object',
    additionalProperties: false,
    properties: {
      privileged: { type: 'boolean' },
      user: { oneOf: [{ type: 'integer', minimum: 0, maximum: 4294967294 }, { type: 'string', pattern: '^\\d{1,10}(:\\d{1,10})?$' }] },
      hostPID: { type: 'boolean' },
      hostNetwork: { type: 'boolean' },
      hostIPC: { type: 'boolean' },
      capabilities: { type: 'object', additionalProperties: false, properties: { add: { type: 'array', items: capability }, drop: { type: 'array', items: capability } } },
      seccomp: profileSetting('a JSON file on the machine running escapekit (Docker) or a path under the kubelet seccomp root (Kubernetes)'),
      apparmor: profileSetting('the name of an AppArmor profile loaded on the host'),
      selinux: { type: 'object', additionalProperties: false, properties: Object.fromEntries(['user', 'role', 'type', 'level'].map((k) => [k, { type: 'string', pattern: '^[A-Za-z0-9_.:,-]{1,255}$' }])) },
      sysctls: { type: 'object', propertyNames: { pattern: '^[a-z0-9_]+([./][a-z0-9_-]+)*$' }, additionalProperties: { type: ['string', 'number'] } },
      procMount: { enum: [...PROC_MOUNTS] },
      hostUsers: { type: 'boolean' },
      supplementalGroups: { type: 'array', items: id },
      fsGroup: id,
      volumes: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'path'],
          properties: { kind: { enum: [...VOLUME_KINDS] }, path: { type: 'string', pattern: '^/' }, readOnly: { type: 'boolean' }, medium: { enum: ['Memory'] }, serviceAccountToken: { type: 'boolean' } },
        },
      },
      shareProcessNamespace: { type: 'boolean' },
      noNewPrivileges: { type: 'boolean' },
      readOnlyRootFilesystem: { type: 'boolean' },
      mounts: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['hostPath', 'path'],
          properties: { hostPath: { type: 'string', pattern: NORMALIZED_PATH }, path: { type: 'string', pattern: NORMALIZED_PATH, not: { pattern: PROBE_PATHS } }, readOnly: { type: 'boolean' }, type: { enum: [...HOST_PATH_KINDS] } },
        },
      },
      devices: { type: 'array', items: { type: 'string', pattern: `^(?!.*/\\.\\.?(/|$))/dev/[^/]+(/[^/]+)*$` } },
      runtime: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' },
      serviceAccount: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$' },
      automountServiceAccountToken: { type: 'boolean' },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://escapekit.dev/schemas/suite.schema.json',
    title: 'escapekit suite',
    description: 'Scenarios (a posture and what it must show) run by `escapekit run --suite FILE`.',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'scenarios'],
    properties: {
      name: { type: 'string', pattern: NAME },
      description: { type: 'string' },
      target: { enum: ['docker', 'kubernetes', 'any'] },
      podSecurity: { enum: ['privileged', 'baseline', 'restricted'] },
      scenarios: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', pattern: NAME },
            description: { type: 'string' },
            posture: { oneOf: [posture, { type: 'null' }] },
            expect: {
              type: 'object',
              additionalProperties: false,
              properties: {
                broken: boundaries,
                holds: { type: 'array', items: { enum: [...BOUNDARY_IDS, '*'] }, uniqueItems: true },
                admission: { enum: ['allowed', 'denied'] },
              },
            },
          },
        },
      },
    },
  };
}
