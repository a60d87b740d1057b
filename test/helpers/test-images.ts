/**
 * Throwaway images for end-to-end tests, built FROM the probe image (so they need no registry)
 * with only a different command: a probe that hangs, one that prints forged output...
 * Tags live under `escapekit-test/`; remove them with `removeTestImages`.
 */
import type Docker from 'dockerode';
import { tarStream } from '../../src/image/tar.js';
import { runCli } from './cli.js';

/** The probe image tag for the current build (built when missing). */
export async function probeImage(env: Record<string, string> = {}): Promise<string> {
  const r = await runCli(['image', 'build'], { env });
  if (r.code !== 0) throw new Error(`image build failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Builds `tag` FROM `base` with `cmd` as its command (JSON exec form). */
export async function buildTestImage(docker: Docker, tag: string, base: string, cmd: string[]): Promise<string> {
  const dockerfile = Buffer.from(`FROM ${base}\nCMD ${JSON.stringify(cmd)}\n`);
  const stream = await docker.buildImage(tarStream([{ kind: 'data', path: 'Dockerfile', data: dockerfile, mode: 0o644 }]), { t: tag, rm: true, forcerm: true });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error;
      if (failed) reject(new Error(`building ${tag} failed: ${failed}`));
      else resolve();
    });
  });
  return tag;
}

/** A `sh -c SCRIPT` command run by the image's static busybox. */
export const busyboxSh = (script: string) => ['/bin/busybox', 'sh', '-c', script];

/** Removes test images (missing ones are fine). */
export async function removeTestImages(docker: Docker, tags: string[]): Promise<void> {
  await Promise.all(tags.map((tag) => docker.getImage(tag).remove({ force: true }).catch(() => undefined)));
}
