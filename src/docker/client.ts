/** The Docker engine client, with a bounded reachability check that names what failed. */
import Docker from 'dockerode';
import { UsageError, messageOf } from '../errors.js';

/** Creates a client from DOCKER_HOST (or the local socket) and checks the engine answers within `timeoutMs`. */
export async function connectDocker(timeoutMs = 3500): Promise<Docker> {
  const docker = new Docker();
  const where = process.env.DOCKER_HOST ?? '/var/run/docker.sock';
  let timer: NodeJS.Timeout | undefined;
  // The ping is aborted on timeout, so a silent engine leaves no request keeping the process alive.
  const abort = new AbortController();
  try {
    await Promise.race([
      (docker as unknown as { ping(o: { abortSignal: AbortSignal }): Promise<unknown> }).ping({ abortSignal: abort.signal }),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
  } catch (error) {
    throw new UsageError(`Docker engine unreachable at ${where}: ${messageOf(error)}`, 'start the engine (see README: scripts/setup-docker.sh) or set DOCKER_HOST');
  } finally {
    clearTimeout(timer);
  }
  return docker;
}
