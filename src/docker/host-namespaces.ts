/**
 * The Docker engine's host namespaces, the reference for checks that ask "is this the host's
 * namespace?" when the engine itself may run in a container (Docker-in-Docker), where the host's
 * namespaces are not the kernel's initial ones. A short reference container joins the engine's
 * host namespaces (what --ipc/--pid/--network/--uts/--cgroupns=host give a probe) and prints its
 * own /proc/self/ns links: it reads five symlinks, with every capability dropped and a read-only root.
 */
import type Docker from 'dockerode';
import { REFERENCE_KINDS, type NodeReference } from '../../probes/lib/node-reference.js';
import { parseNamespaceLinks } from '../kind/node-namespaces.js';
import { runContainer } from '../targets/docker-probe.js';

/** The reference's name in reports ("host" of the engine). */
export const ENGINE_HOST = 'docker-engine-host';

/** Prints one namespace link per line, in REFERENCE_KINDS order (an empty line when unreadable). */
const SCRIPT = `const fs=require('fs');for(const k of ${JSON.stringify(REFERENCE_KINDS)}){let l='';try{l=fs.readlinkSync('/proc/self/ns/'+k)}catch{}process.stdout.write(l+'\\n')}`;

/** Options of the reference container; `image` is the probe image (it ships /node). */
export function referenceContainer(image: string, name: string, labels: Record<string, string>, runtimes: string[]): Docker.ContainerCreateOptions {
  return {
    name,
    Image: image,
    Labels: labels,
    Entrypoint: ['/node'],
    Cmd: ['-e', SCRIPT],
    Env: [],
    User: '65534:65534',
    NetworkDisabled: false,
    HostConfig: {
      IpcMode: 'host', PidMode: 'host', NetworkMode: 'host', UTSMode: 'host', UsernsMode: 'host',
      // Engine API 1.41+ (dockerode's types predate it).
      ...({ CgroupnsMode: 'host' } as Record<string, string>),
      // runc sees the engine's own namespaces; a sandbox runtime as the default would report its own.
      ...(runtimes.includes('runc') ? { Runtime: 'runc' } : {}),
      CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], ReadonlyRootfs: true,
      LogConfig: { Type: 'none', Config: {} },
    },
  };
}

/**
 * Runs the reference container; the engine host's namespaces, each null when unread (a refused
 * or failed container leaves every one null: the checks then say inconclusive, never holds).
 */
export async function engineHostReference(docker: Docker, options: Docker.ContainerCreateOptions, timeoutMs: number, onCreated: (id: string) => void): Promise<NodeReference> {
  const run = await runContainer(docker, options, timeoutMs, onCreated).catch(() => null);
  const stdout = run && !run.timedOut && run.exitCode === 0 ? run.stdout : '';
  return { required: true, nodes: [parseNamespaceLinks(ENGINE_HOST, stdout)] };
}
