/**
 * Identifies what listens on a socket with the least traffic possible: connect, listen
 * passively for a server greeting (HTTP/2 servers such as gRPC send SETTINGS first), and only
 * when asked and nothing was said, one read-only `GET <path>`. Nothing else is ever sent.
 */
import net from 'node:net';

/** What a socket revealed. */
export interface SocketIdentity {
  connected: boolean;
  error?: string;
  /** Hex of the first bytes the server sent unprompted (at most 24). */
  greetingHex?: string;
  /** The greeting is an HTTP/2 SETTINGS frame: an HTTP/2 server such as gRPC (containerd, CRI-O). */
  http2?: boolean;
  /** Status line and selected headers of the GET answer. */
  http?: { statusLine: string; headers: Record<string, string>; body: string };
}

/** Headers worth keeping: they name the runtime and its API version. */
const KEPT_HEADERS = new Set(['server', 'api-version', 'libpod-api-version', 'docker-experimental', 'ostype', 'content-type']);

/** True when bytes start with an HTTP/2 frame header of type SETTINGS (0x4) on stream 0. */
export function isHttp2Settings(bytes: Buffer): boolean {
  return bytes.length >= 9 && bytes[3] === 0x04 && (bytes.readUInt32BE(5) & 0x7fffffff) === 0;
}

/** Parses an HTTP/1.x answer into status line, kept headers and the first 512 bytes of body. */
export function parseHttpHead(text: string): { statusLine: string; headers: Record<string, string>; body: string } | null {
  if (!text.startsWith('HTTP/')) return null;
  const [head, ...rest] = text.split('\r\n\r\n');
  const lines = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    const name = line.slice(0, i).trim().toLowerCase();
    if (i > 0 && KEPT_HEADERS.has(name)) headers[name] = line.slice(i + 1).trim().slice(0, 120);
  }
  return { statusLine: lines[0].slice(0, 120), headers, body: rest.join('\r\n\r\n').slice(0, 512) };
}

/** Connects to `target`, waits `greetMs` for an unprompted greeting, then optionally sends `GET getPath`. */
export function identifySocket(target: { path: string } | { host: string; port: number }, opts: { getPath?: string; greetMs?: number; timeoutMs?: number } = {}): Promise<SocketIdentity> {
  const { getPath, greetMs = 250, timeoutMs = 1500 } = opts;
  return new Promise((resolve) => {
    const socket = net.createConnection(target as net.NetConnectOpts);
    const chunks: Buffer[] = [];
    let connected = false;
    let sentGet = false;
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(greetTimer);
      clearTimeout(hardTimer);
      socket.destroy();
      const data = Buffer.concat(chunks);
      const out: SocketIdentity = { connected };
      if (error && (!connected || data.length === 0)) out.error = error;
      if (data.length > 0 && !sentGet) {
        out.greetingHex = data.subarray(0, 24).toString('hex');
        out.http2 = isHttp2Settings(data);
      }
      const http = sentGet ? parseHttpHead(data.toString('latin1')) : null;
      if (http) out.http = http;
      resolve(out);
    };
    let greetTimer: NodeJS.Timeout | undefined;
    const hardTimer = setTimeout(() => finish('ETIMEDOUT'), timeoutMs);
    socket.once('connect', () => {
      connected = true;
      greetTimer = setTimeout(() => {
        if (chunks.length > 0 || !getPath) return finish();
        sentGet = true;
        const host = 'host' in target ? target.host : 'localhost';
        socket.write(`GET ${getPath} HTTP/1.0\r\nHost: ${host}\r\nUser-Agent: escapekit-probe\r\n\r\n`);
      }, greetMs);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (!sentGet || Buffer.concat(chunks).length > 8192) finish();
    });
    socket.once('end', () => finish());
    socket.once('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
  });
}
