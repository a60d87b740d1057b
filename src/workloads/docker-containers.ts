/** Inspects the named containers (read-only) and derives their scenarios; inline seccomp profiles go to temporary files removed after the run. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDocker } from '../docker/client.js';
import { UsageError, messageOf } from '../errors.js';
import { deriveFromInspect, type InspectedContainer } from './container.js';
import type { DerivedScenario } from './types.js';

/** Derived scenarios plus a function that removes the temporary profile files. */
export interface InspectedWorkloads {
  scenarios: DerivedScenario[];
  dispose(): void;
}

/** `docker inspect` for each name or id; a missing container is bad input (exit 2). */
export async function inspectContainers(names: string[]): Promise<InspectedWorkloads> {
  const docker = await connectDocker();
  const info = (await docker.info()) as { DefaultRuntime?: string };
  let dir: string | undefined;
  // Docker reports a custom seccomp profile inline (seccomp=<json>): the probe gets the same profile from a file.
  const seccompFile = (value: string): string | undefined => {
    try {
      JSON.parse(value);
    } catch {
      return undefined;
    }
    if (!dir) {
      const made = mkdtempSync(path.join(os.tmpdir(), 'escapekit-seccomp-'));
      dir = made;
      // Also on an interrupt, which ends the process from its signal handler.
      process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    }
    const file = path.join(dir, `${createHash('sha256').update(value).digest('hex').slice(0, 16)}.json`);
    writeFileSync(file, value, { mode: 0o600 });
    return file;
  };
  const scenarios: DerivedScenario[] = [];
  for (const name of names) {
    let inspected: InspectedContainer;
    try {
      inspected = (await docker.getContainer(name).inspect()) as InspectedContainer;
    } catch (error) {
      if (dir) rmSync(dir, { recursive: true, force: true });
      throw new UsageError(`--from-container ${name.slice(0, 80)}: ${messageOf(error)}`);
    }
    scenarios.push(deriveFromInspect(inspected, info.DefaultRuntime ?? 'runc', seccompFile));
  }
  return { scenarios, dispose: () => dir && rmSync(dir, { recursive: true, force: true }) };
}
