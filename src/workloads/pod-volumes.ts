/** A container's volume mounts -> posture mounts (hostPath, typed) and volumes (emptyDir, projected); secrets and config maps become empty stand-ins, never read. */
import { HOST_PATH_KINDS, type HostPathKind, type PostureMount, type PostureVolume } from '../posture/types.js';
import type { DerivedScenario } from './types.js';
import type { PodContext } from './pod-security.js';
import { boolAt, listAt, objectAt, stringAt } from './values.js';

/** hostPath types that would create the path on the node: reproduced as the type that refuses a missing path. */
const CREATING: Record<string, HostPathKind> = { DirectoryOrCreate: 'Directory', FileOrCreate: 'File' };

/** Volume sources whose content is data, replaced by an empty read-only stand-in. */
const DATA_SOURCES = ['secret', 'configMap', 'downwardAPI'];

function hostPathMount(source: Record<string, unknown>, name: string, mountPath: string, readOnly: boolean, subPath: string | undefined, out: DerivedScenario): PostureMount | undefined {
  const path = String(source.path ?? '');
  if (!path.startsWith('/')) {
    out.notReproduced.push(`volume ${name}: hostPath '${path.slice(0, 80)}' is not absolute, not mounted`);
    return undefined;
  }
  const hostPath = subPath ? `${path.replace(/\/+$/, '')}/${subPath}` : path;
  const declared = typeof source.type === 'string' ? source.type : '';
  let type: HostPathKind | undefined;
  if ((HOST_PATH_KINDS as readonly string[]).includes(declared)) type = declared as HostPathKind;
  else if (CREATING[declared]) {
    type = CREATING[declared];
    out.notReproduced.push(`volume ${name}: hostPath type ${declared} reproduced as ${type} (escapekit never creates host paths; a missing path fails the probe)`);
  } else if (subPath && declared === '') type = undefined;
  return { hostPath, path: mountPath, ...(readOnly ? { readOnly } : {}), ...(type ? { type } : {}) };
}

/** Fills mounts and volumes from the container's volumeMounts. */
export function deriveVolumes(c: PodContext, out: DerivedScenario): void {
  const { p } = c;
  const byName = new Map<string, Record<string, unknown>>();
  listAt(c.spec.volumes, [...c.specPath, 'volumes'], p).forEach((v, i) => {
    const o = objectAt(v, [...c.specPath, 'volumes', i], p);
    if (o && typeof o.name === 'string') byName.set(o.name, o);
  });
  const mounts: PostureMount[] = [];
  const volumes: PostureVolume[] = [];
  const at = [...c.containerPath, 'volumeMounts'];
  listAt(c.container.volumeMounts, at, p).forEach((m, i) => {
    const vm = objectAt(m, [...at, i], p);
    if (!vm) return;
    const name = stringAt(vm.name, [...at, i, 'name'], p) ?? '';
    const mountPath = stringAt(vm.mountPath, [...at, i, 'mountPath'], p) ?? '';
    const readOnly = boolAt(vm.readOnly, [...at, i, 'readOnly'], p) === true;
    const subPath = stringAt(vm.subPath, [...at, i, 'subPath'], p);
    const volume = byName.get(name);
    if (!volume) return p.add([...at, i, 'name'], `volumeMounts[${i}] names volume '${name.slice(0, 60)}', which the pod does not declare`);
    if (!mountPath.startsWith('/')) return p.add([...at, i, 'mountPath'], `volumeMounts[${i}].mountPath must be an absolute path`);
    if (typeof vm.mountPropagation === 'string' && vm.mountPropagation !== 'None') out.notReproduced.push(`volume ${name}: mountPropagation ${vm.mountPropagation} not reproduced (probe mounts are private)`);
    const hostPath = objectAt(volume.hostPath, ['volumes', name, 'hostPath'], p);
    if (hostPath) {
      const mount = hostPathMount(hostPath, name, mountPath, readOnly, subPath, out);
      if (mount) {
        mounts.push(mount);
        out.sources.push({ key: 'mounts', field: `volume ${name}: hostPath ${mount.hostPath} -> ${mountPath}${readOnly ? ' (read-only)' : ''}` });
      }
      return;
    }
    if (volume.emptyDir !== undefined) {
      const medium = objectAt(volume.emptyDir, ['volumes', name, 'emptyDir'], p)?.medium === 'Memory' ? 'Memory' as const : undefined;
      volumes.push({ kind: 'emptyDir', path: mountPath, ...(readOnly ? { readOnly } : {}), ...(medium ? { medium } : {}) });
      return;
    }
    const projected = objectAt(volume.projected, ['volumes', name, 'projected'], p);
    if (projected) {
      const sources = listAt(projected.sources, ['volumes', name, 'projected', 'sources'], p).map((s) => objectAt(s, ['volumes', name, 'projected', 'sources'], p) ?? {});
      const token = sources.some((s) => s.serviceAccountToken !== undefined);
      if (sources.some((s) => DATA_SOURCES.some((d) => s[d] !== undefined))) out.notReproduced.push(`volume ${name}: projected secret/configMap/downwardAPI sources replaced by empty stand-ins (content never read)`);
      volumes.push({ kind: 'projected', path: mountPath, ...(readOnly ? { readOnly } : {}), ...(token ? { serviceAccountToken: true } : {}) });
      if (token) out.sources.push({ key: 'volumes', field: `volume ${name}: projected service account token -> ${mountPath}` });
      return;
    }
    const data = DATA_SOURCES.find((d) => volume[d] !== undefined);
    if (data) {
      volumes.push({ kind: 'emptyDir', path: mountPath, readOnly: true });
      out.notReproduced.push(`volume ${name}: ${data} replaced by an empty stand-in (content never read)`);
      return;
    }
    const kind = Object.keys(volume).find((k) => k !== 'name') ?? 'unknown';
    out.notReproduced.push(`volume ${name}: ${kind} not reproduced (its storage is not mounted; a volume backed by a host path would be a host mount)`);
  });
  if (listAt(c.container.volumeDevices, [...c.containerPath, 'volumeDevices'], p).length) out.notReproduced.push('volumeDevices: raw block volumes not reproduced');
  if (mounts.length) out.posture.mounts = mounts;
  if (volumes.length) out.posture.volumes = volumes;
}
