/**
 * The runner's reference for checks that ask "is this the node's namespace?" on kind, where every
 * node is a Docker container whose namespaces are not the kernel's initial ones. Read from outside
 * with `docker exec <node> readlink /proc/1/ns/...` (the node's init, whose namespaces kubelet and
 * containerd share); nothing is written.
 */
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { REFERENCE_KINDS, type NodeNamespaces, type NodeReference } from '../../probes/lib/node-reference.js';

const EXEC_TIMEOUT_MS = 10_000;

/** Parses readlink's lines (one per kind, in REFERENCE_KINDS order); a missing or odd line is null. */
export function parseNamespaceLinks(node: string, stdout: string): NodeNamespaces {
  const lines = stdout.split('\n').map((l) => l.trim());
  const entry = { node } as NodeNamespaces;
  REFERENCE_KINDS.forEach((kind, i) => {
    entry[kind] = new RegExp(`^${kind}:\\[\\d+\\]$`).test(lines[i] ?? '') ? lines[i]! : null;
  });
  return entry;
}

/** Runs readlink in node container `node`; its namespaces, each null when unreadable. */
async function readNode(docker: Docker, node: string): Promise<NodeNamespaces> {
  try {
    const exec = await docker.getContainer(node).exec({ Cmd: ['readlink', ...REFERENCE_KINDS.map((k) => `/proc/1/ns/${k}`)], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => { if (text.length < 4096) text += d.toString('utf8'); });
    docker.modem.demuxStream(stream, out, new PassThrough().resume());
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => { stream.once('end', () => resolve()); stream.once('close', () => resolve()); }),
      new Promise<void>((resolve) => { timer = setTimeout(resolve, EXEC_TIMEOUT_MS); }),
    ]);
    clearTimeout(timer);
    stream.destroy();
    return parseNamespaceLinks(node, text);
  } catch {
    return parseNamespaceLinks(node, '');
  }
}

/** The reference for kind node containers `nodes`: they are containers; their namespaces as read (null where not). */
export async function kindNodeReference(docker: Docker | null, nodes: readonly string[]): Promise<NodeReference> {
  return { required: true, nodes: docker ? await Promise.all(nodes.map((n) => readNode(docker, n))) : nodes.map((n) => parseNamespaceLinks(n, '')) };
}
