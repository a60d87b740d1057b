/** One workload's pod spec -> one derived scenario per container (init and ephemeral containers included). */
import { deriveSecurity, type PodContext } from './pod-security.js';
import { deriveVolumes } from './pod-volumes.js';
import type { DerivedScenario, FieldProblems } from './types.js';
import { listAt, objectAt, stringAt } from './values.js';

/** A workload's pod template, located in its object. */
export interface PodTemplate {
  kind: string;
  namespace: string;
  name: string;
  spec: Record<string, unknown>;
  /** Path of the pod spec inside the object, e.g. `spec.template.spec`. */
  specPath: Array<string | number>;
  /** The pod's annotations (legacy AppArmor annotations live there). */
  annotations: Record<string, unknown>;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Placement and port fields: never reproduced, always reported. */
function podNotes(spec: Record<string, unknown>, container: Record<string, unknown>, p: FieldProblems, containerPath: Array<string | number>): string[] {
  const notes: string[] = [];
  for (const key of ['nodeName', 'nodeSelector', 'affinity', 'tolerations'] as const) {
    if (spec[key] !== undefined) notes.push(`${key}: placement not reproduced, left to the scheduler (use --nodes all to probe every node)`);
  }
  const psc = objectAt(spec.securityContext, ['spec', 'securityContext'], p) ?? {};
  const csc = objectAt(container.securityContext, [...containerPath, 'securityContext'], p) ?? {};
  if ((objectAt(csc.windowsOptions, [...containerPath, 'securityContext', 'windowsOptions'], p) ?? objectAt(psc.windowsOptions, ['spec', 'securityContext', 'windowsOptions'], p))?.hostProcess === true) notes.push('windowsOptions.hostProcess: a Windows host process container is not reproduced (the probe is a Linux container)');
  if (psc.supplementalGroupsPolicy === 'Strict') notes.push('supplementalGroupsPolicy: Strict not reproduced (the probe keeps the groups its image and the runtime give)');
  if (spec.resourceClaims !== undefined || objectAt(container.resources, [...containerPath, 'resources'], p)?.claims !== undefined) notes.push('resourceClaims: devices allocated through dynamic resource allocation are not reproduced');
  listAt(container.ports, [...containerPath, 'ports'], p).forEach((port) => {
    const hostPort = objectAt(port, [...containerPath, 'ports'], p)?.hostPort;
    if (hostPort !== undefined) notes.push(`ports: hostPort ${String(hostPort).slice(0, 10)} not reproduced (the probe listens on no port; Pod Security baseline forbids host ports)`);
  });
  return notes;
}

/** Derives one scenario per container of a pod template. */
export function derivePodTemplate(t: PodTemplate, p: FieldProblems): DerivedScenario[] {
  const out: DerivedScenario[] = [];
  for (const list of CONTAINER_LISTS) {
    listAt(t.spec[list], [...t.specPath, list], p).forEach((raw, i) => {
      const containerPath = [...t.specPath, list, i];
      const container = objectAt(raw, containerPath, p);
      if (!container) return;
      const name = stringAt(container.name, [...containerPath, 'name'], p) ?? `${list}-${i}`;
      const scenario: DerivedScenario = { name: `${t.kind}/${t.namespace}/${t.name}:${name}`, posture: {}, sources: [], notReproduced: [] };
      const context: PodContext = { spec: t.spec, specPath: t.specPath, container, containerPath, annotations: t.annotations, p };
      deriveSecurity(context, scenario);
      deriveVolumes(context, scenario);
      scenario.notReproduced.push(...podNotes(t.spec, container, p, containerPath));
      if (list !== 'containers') scenario.notReproduced.push(`${list}: probed as a regular container (its lifecycle is not reproduced)`);
      const sa = stringAt(t.spec.serviceAccountName ?? t.spec.serviceAccount, [...t.specPath, 'serviceAccountName'], p);
      if (sa && sa !== 'default') scenario.serviceAccountName = sa;
      out.push(scenario);
    });
  }
  if (out.length === 0) p.add([...t.specPath, 'containers'], `${t.kind}/${t.namespace}/${t.name} has no containers`);
  return out;
}
