/** Human names and reference links of the frameworks checks map to (MITRE ATT&CK, CIS, PSS, NIST, KubeHound). */
import type { Framework, Mapping } from '../../probes/model.js';

/** Display name per framework. */
export const FRAMEWORK_LABELS: Record<Framework, string> = {
  'mitre-attack': 'MITRE ATT&CK',
  'cis-docker-1.6': 'CIS Docker Benchmark 1.6',
  'cis-kubernetes': 'CIS Kubernetes Benchmark',
  'pod-security-standards': 'Pod Security Standards',
  'nist-800-190': 'NIST SP 800-190',
  kubehound: 'KubeHound',
};

/** A public reference URL for a mapping, when the framework has stable per-item pages. */
export function mappingUrl(m: Mapping): string | undefined {
  if (m.framework === 'mitre-attack' && /^T\d{4}(\.\d{3})?$/.test(m.id)) return `https://attack.mitre.org/techniques/${m.id.replace('.', '/')}/`;
  if (m.framework === 'pod-security-standards') return 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
  if (m.framework === 'nist-800-190') return 'https://csrc.nist.gov/pubs/sp/800/190/final';
  return undefined;
}

/** `MITRE ATT&CK T1611`-style text of one mapping. */
export function mappingText(m: Mapping): string {
  return `${FRAMEWORK_LABELS[m.framework] ?? m.framework} ${m.id}`;
}

/** Mappings grouped by framework, in a stable order. */
export function groupMappings(mappings: readonly Mapping[]): Array<{ framework: Framework; label: string; ids: string[] }> {
  const order = Object.keys(FRAMEWORK_LABELS) as Framework[];
  return order
    .map((framework) => ({ framework, label: FRAMEWORK_LABELS[framework], ids: mappings.filter((m) => m.framework === framework).map((m) => m.id) }))
    .filter((g) => g.ids.length > 0);
}
