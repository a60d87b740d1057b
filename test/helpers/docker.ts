/** Real Docker engine access for end-to-end tests. */
import Docker from 'dockerode';
import type { ExecutionContext } from 'ava';
import { missing } from './require.js';

/** A client when the engine answers; otherwise fails (CI) or loudly skips (local). */
export async function requireDocker(t: ExecutionContext): Promise<Docker | null> {
  const docker = new Docker();
  try {
    await Promise.race([docker.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 4000))]);
    return docker;
  } catch {
    missing(t, 'a Docker engine (run scripts/setup-docker.sh)');
    return null;
  }
}

/** Containers carrying the run-id label (of one run, or any). */
export async function labelledContainers(docker: Docker, runId?: string): Promise<string[]> {
  const label = runId ? `escapekit.io/run-id=${runId}` : 'escapekit.io/run-id';
  return (await docker.listContainers({ all: true, filters: { label: [label] } })).map((c) => c.Id);
}
