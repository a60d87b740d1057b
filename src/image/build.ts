/** Builds the probe image offline from local files, tagged by content hash, only when missing. */
import type Docker from 'dockerode';
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { paths } from '../paths.js';
import { hashEntries } from './hash.js';
import { imageEntries } from './inputs.js';
import { tarStream } from './tar.js';

/** Repository part of the probe image reference. */
export const PROBE_IMAGE_REPO = 'escapekit/probe';

/** What `ensureProbeImage` found or built. */
export interface ProbeImage {
  tag: string;
  built: boolean;
  sizeBytes: number;
  busybox: boolean;
}

/** The probe image's tag for the current inputs (content hash); needs no engine. */
export async function probeImageTag(): Promise<{ tag: string; entries: Awaited<ReturnType<typeof imageEntries>> }> {
  if (!existsSync(paths.agentBundle)) throw new UsageError(`probe agent bundle missing at ${paths.agentBundle}`, 'run npm run build');
  const entries = await imageEntries();
  return { tag: `${PROBE_IMAGE_REPO}:${(await hashEntries(entries.entries)).slice(0, 16)}`, entries };
}

/** Returns the probe image for the current inputs, building it when the engine lacks it. */
export async function ensureProbeImage(docker: Docker, options: { force?: boolean } = {}): Promise<ProbeImage> {
  const { tag, entries: { entries, busybox } } = await probeImageTag();
  if (!options.force) {
    const existing = await docker.getImage(tag).inspect().catch(() => null);
    if (existing) return { tag, built: false, sizeBytes: existing.Size, busybox };
  }
  const stream = await docker.buildImage(tarStream(entries), { t: tag, rm: true, forcerm: true, labels: { 'escapekit.io/component': 'probe' } });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error;
      if (failed) reject(new UsageError(`probe image build failed: ${failed}`));
      else resolve();
    });
  });
  const built = await docker.getImage(tag).inspect();
  return { tag, built: true, sizeBytes: built.Size, busybox };
}
