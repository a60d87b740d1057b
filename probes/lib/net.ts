/** Bounded, read-only network helpers for collect steps. Only GET requests exist here. */
import net from 'node:net';

/** Outcome of trying to connect. */
export type ConnectResult = { connected: true; ms: number } | { connected: false; error: string };

/** Connects to a unix socket path or host:port and closes at once. */
export function tryConnect(target: { path: string } | { host: string; port: number }, timeoutMs = 1000): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.createConnection(target as net.NetConnectOpts);
    const done = (result: ConnectResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ connected: false, error: 'ETIMEDOUT' }));
    socket.once('connect', () => done({ connected: true, ms: Date.now() - started }));
    socket.once('error', (error: NodeJS.ErrnoException) => done({ connected: false, error: error.code ?? error.message }));
  });
}

/** Response of a read-only HTTP GET: the status line and the first bytes of the body. */
export type GetResult = { ok: true; statusLine: string; body: string } | { ok: false; error: string };

/**
 * Sends `GET <path>` over a unix socket or TCP and reads at most `limit` bytes.
 * Only GET, never a body: the harmlessness contract allows read endpoints only.
 */
export function httpGet(target: { path: string } | { host: string; port: number }, urlPath: string, timeoutMs = 1500, limit = 4096): Promise<GetResult> {
  return new Promise((resolve) => {
    const socket = net.createConnection(target as net.NetConnectOpts);
    let data = '';
    let settled = false;
    const finish = (result: GetResult) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    const parse = (): GetResult => {
      if (!data) return { ok: false, error: 'empty response' };
      const [head, ...rest] = data.split('\r\n\r\n');
      return { ok: true, statusLine: head.split('\r\n')[0] ?? '', body: rest.join('\r\n\r\n').slice(0, 1024) };
    };
    socket.setTimeout(timeoutMs, () => finish(data ? parse() : { ok: false, error: 'ETIMEDOUT' }));
    socket.once('connect', () => {
      const host = 'host' in target ? target.host : 'localhost';
      socket.write(`GET ${urlPath} HTTP/1.0\r\nHost: ${host}\r\nUser-Agent: escapekit-probe\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      if (data.length >= limit) finish(parse());
    });
    socket.once('end', () => finish(parse()));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(data ? parse() : { ok: false, error: error.code ?? error.message }));
  });
}
