/**
 * A transparent, recording proxy in front of the Docker engine's unix socket. A CLI pointed at
 * it (DOCKER_HOST=unix://<socket>) behaves exactly as against the engine, while the test sees
 * every request line it sent and the run ids in its create requests, so it can interrupt the
 * CLI at a precise phase (e.g. while a create request is in flight) and attribute what it made.
 */
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One request line seen on the way to the engine. */
export interface SeenRequest {
  method: string;
  path: string;
  at: number;
}

/** A running proxy. */
export interface DockerProxy {
  /** Value for DOCKER_HOST. */
  dockerHost: string;
  requests: SeenRequest[];
  /** Run ids found in create requests (the escapekit.io/run-id label). */
  runIds: Set<string>;
  /** Resolves at the next request whose line matches `re`. */
  next(re: RegExp): Promise<SeenRequest>;
  close(): Promise<void>;
}

const REQUEST_LINE = /(GET|POST|PUT|DELETE|HEAD) (\/\S*) HTTP\/1\.[01]\r\n/g;
const RUN_ID = /"escapekit\.io\/run-id":"([a-z0-9-]{1,63})"/g;

/** Starts a proxy to `upstream` (default: the local engine socket). */
export async function startDockerProxy(upstream = '/var/run/docker.sock'): Promise<DockerProxy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-proxy-'));
  const socket = path.join(dir, 'docker.sock');
  const requests: SeenRequest[] = [];
  const runIds = new Set<string>();
  const waiters: Array<{ re: RegExp; resolve: (r: SeenRequest) => void }> = [];
  const sockets = new Set<net.Socket>();
  const sniff = (chunk: Buffer) => {
    const text = chunk.toString('latin1');
    for (const m of text.matchAll(RUN_ID)) runIds.add(m[1]);
    for (const m of text.matchAll(REQUEST_LINE)) {
      const seen = { method: m[1], path: m[2], at: Date.now() };
      requests.push(seen);
      for (const w of [...waiters]) {
        if (w.re.test(`${seen.method} ${seen.path}`)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(seen);
        }
      }
    }
  };
  const server = net.createServer((client) => {
    const engine = net.connect(upstream);
    sockets.add(client).add(engine);
    client.on('data', sniff);
    client.pipe(engine).pipe(client);
    const end = () => {
      client.destroy();
      engine.destroy();
      sockets.delete(client);
      sockets.delete(engine);
    };
    client.on('error', end).on('close', end);
    engine.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    dockerHost: `unix://${socket}`,
    requests,
    runIds,
    next: (re) => new Promise((resolve) => waiters.push({ re, resolve })),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
