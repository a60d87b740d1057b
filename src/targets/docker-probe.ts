/** Runs one probe container on Docker: create, attach, start, wait with a timeout, always remove. */
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { MAX_PROBE_OUTPUT_BYTES } from '../run/probe-output.js';
import { messageOf } from '../errors.js';

/** Result of one container run. */
export interface ContainerRun {
  stdout: string;
  timedOut: boolean;
  exitCode?: number;
}

/** Collects a stream into a string, keeping at most `limit + 1` bytes so oversize is detectable. */
function capture(limit: number): { sink: PassThrough; text: () => string } {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  let size = 0;
  sink.on('data', (chunk: Buffer) => {
    if (size > limit) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Creates, runs and removes one container; `onCreated` lets the caller track it for cleanup. */
export async function runContainer(
  docker: Docker,
  options: Docker.ContainerCreateOptions,
  timeoutMs: number,
  onCreated: (id: string) => void,
): Promise<ContainerRun> {
  const container = await docker.createContainer(options);
  onCreated(container.id);
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const out = capture(MAX_PROBE_OUTPUT_BYTES);
    const err = capture(64 * 1024);
    docker.modem.demuxStream(stream, out.sink, err.sink);
    const ended = new Promise<void>((resolve) => stream.once('end', () => resolve()));
    await container.start();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    // If the engine dies mid-run, wait() may never settle; the attach stream closing ends the wait too.
    const waitAbort = new AbortController();
    const streamGone = new Promise<'stream-closed'>((resolve) => stream.once('close', () => setTimeout(() => resolve('stream-closed'), 5000).unref()));
    const waiting = container.wait({ abortSignal: waitAbort.signal }) as Promise<{ StatusCode: number }>;
    let waited = await Promise.race([waiting, timeout, streamGone]);
    // A sandbox runtime (runsc) under load may report the exit long after the stream closed: lost only if the engine is gone.
    if (waited === 'stream-closed' && (await engineAnswers(docker))) waited = await Promise.race([waiting, timeout]);
    clearTimeout(timer);
    if (waited === 'stream-closed') {
      waitAbort.abort();
      throw new Error('lost the connection to the engine while the probe ran');
    }
    if (waited === 'timeout') {
      waitAbort.abort();
      await container.kill().catch(() => undefined);
      return { stdout: out.text(), timedOut: true };
    }
    await Promise.race([ended, new Promise((r) => setTimeout(r, 1000))]);
    return { stdout: out.text(), timedOut: false, exitCode: waited.StatusCode };
  } finally {
    await container.remove({ force: true, v: true }).catch((error: unknown) => {
      if (!/no such container|is already in progress/i.test(messageOf(error))) throw error;
    });
  }
}

/** Whether the engine answers a ping within 3 seconds. */
async function engineAnswers(docker: Docker): Promise<boolean> {
  return Promise.race([docker.ping().then(() => true, () => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref())]);
}
