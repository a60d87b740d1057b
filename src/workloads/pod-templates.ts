/** Kubernetes objects -> the pod templates they run (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, List). */
import type { PodTemplate } from './pod-spec.js';
import type { FieldProblems } from './types.js';
import { objectAt, stringAt } from './values.js';

type Path = Array<string | number>;

/** Where each workload kind keeps its pod template (path to the template's metadata+spec holder). */
const TEMPLATE_AT: Record<string, string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Kinds that run containers. */
export const WORKLOAD_KINDS = Object.keys(TEMPLATE_AT);

/** The pod templates of one object; objects that run nothing are counted in `skipped` by kind. */
export function podTemplates(obj: unknown, at: Path, p: FieldProblems, skipped: Map<string, number>, defaultNamespace = 'default'): PodTemplate[] {
  const o = objectAt(obj, at, p);
  if (!o) return [];
  const kind = stringAt(o.kind, [...at, 'kind'], p);
  if (kind === undefined) {
    p.add(at, 'a Kubernetes object needs a kind');
    return [];
  }
  if (kind === 'List' || kind.endsWith('List')) {
    const items = Array.isArray(o.items) ? o.items : [];
    return items.flatMap((item, i) => podTemplates(item, [...at, 'items', i], p, skipped, defaultNamespace));
  }
  const holderPath = TEMPLATE_AT[kind];
  if (!holderPath) {
    skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
    return [];
  }
  const meta = objectAt(o.metadata, [...at, 'metadata'], p) ?? {};
  const name = stringAt(meta.name, [...at, 'metadata', 'name'], p) ?? stringAt(meta.generateName, [...at, 'metadata', 'generateName'], p);
  if (!name) {
    p.add([...at, 'metadata'], `${kind} needs metadata.name`);
    return [];
  }
  const namespace = stringAt(meta.namespace, [...at, 'metadata', 'namespace'], p) ?? defaultNamespace;
  let holder: Record<string, unknown> | undefined = o;
  const path: Path = [...at];
  for (const key of holderPath) {
    path.push(key);
    holder = objectAt(holder?.[key], path, p);
  }
  const spec = objectAt(holder?.spec, [...path, 'spec'], p);
  if (!spec) {
    p.add(path, `${kind}/${namespace}/${name} has no pod spec at ${[...holderPath, 'spec'].join('.')}`);
    return [];
  }
  // A StatefulSet's claim templates are volumes of its pods: listed as claims (not reproduced, and said so).
  const claims = kind === 'StatefulSet' && Array.isArray((o.spec as { volumeClaimTemplates?: unknown })?.volumeClaimTemplates) ? ((o.spec as { volumeClaimTemplates: Array<{ metadata?: { name?: unknown } }> }).volumeClaimTemplates) : [];
  const withClaims = claims.length ? { ...spec, volumes: [...(Array.isArray(spec.volumes) ? spec.volumes : []), ...claims.map((c) => ({ name: c?.metadata?.name, persistentVolumeClaim: { claimName: c?.metadata?.name } }))] } : spec;
  const templateMeta = objectAt(holder?.metadata, [...path, 'metadata'], p) ?? {};
  const annotations = objectAt(templateMeta.annotations, [...path, 'metadata', 'annotations'], p) ?? {};
  return [{ kind, namespace, name, spec: withClaims, specPath: [...path, 'spec'], annotations }];
}
