/**
 * Time-bounded HTTP(S) requests for the Kubernetes and metadata checks. GET only, except a
 * POST of a SelfSubject*Review (read-only by design) which the harmlessness contract allows:
 * the guard below refuses any other write.
 */
import http from 'node:http';
import https from 'node:https';

/** The only POST targets allowed: SelfSubjectRulesReview, SelfSubjectAccessReview, SelfSubjectReview. */
export const SELF_REVIEW_PATH = /^\/apis\/(authorization\.k8s\.io\/v1\/selfsubject(rules|access)reviews|authentication\.k8s\.io\/v1(beta1)?\/selfsubjectreviews)$/;

/** A request to one endpoint. */
export interface HttpRequest {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** JSON body of a SelfSubject*Review POST. */
  body?: unknown;
  /** PEM CA to verify the server with; without it TLS is not verified (reads without credentials only). */
  ca?: string;
  timeoutMs: number;
  /** Body bytes kept for parsing (default 64 KiB); the caller decides what reaches the evidence. */
  limit?: number;
}

/** Outcome: an HTTP status with the (truncated) body, or the error that stopped the request. */
export type HttpResult = { status: number; body: string; headers: Record<string, string> } | { status: null; error: string };

/** Sends one request; never throws. Refuses any method or path the harmlessness contract forbids. */
export function request(req: HttpRequest): Promise<HttpResult> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && !(method === 'POST' && SELF_REVIEW_PATH.test(req.path))) {
    return Promise.resolve({ status: null, error: `refused: ${method} ${req.path} is not a read` });
  }
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  const limit = req.limit ?? 64 * 1024;
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (r: HttpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const options: https.RequestOptions = {
      host: req.host, port: req.port, path: req.path, method,
      headers: { 'user-agent': 'escapekit-probe', accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}), ...req.headers },
      agent: false,
    };
    if (req.scheme === 'https') Object.assign(options, req.ca ? { ca: req.ca, rejectUnauthorized: true } : { rejectUnauthorized: false });
    const client = req.scheme === 'https' ? https : http;
    const onResponse = (res: http.IncomingMessage) => {
      let body = '';
      const done = () => finish({ status: res.statusCode ?? 0, body, headers: pickHeaders(res.headers) });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk.slice(0, limit - body.length);
        // Enough for a verdict: stop downloading (a kubelet pod list or metadata document is never needed).
        if (body.length >= limit) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', done);
    };
    let r: http.ClientRequest;
    try {
      r = client.request(options, onResponse);
    } catch (error) {
      // Bad port or host syntax throws synchronously: report it like any other failure.
      finish({ status: null, error: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    timer = setTimeout(() => {
      finish({ status: null, error: 'ETIMEDOUT' });
      r.destroy();
    }, req.timeoutMs);
    r.on('error', (e: NodeJS.ErrnoException) => finish({ status: null, error: e.code ?? e.message }));
    if (payload) r.write(payload);
    r.end();
  });
}

/** Keeps the few headers worth recording (never cookies or auth). */
function pickHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['server', 'content-type', 'www-authenticate']) if (typeof h[k] === 'string') out[k] = h[k] as string;
  return out;
}

/** Parses a JSON body, or returns null. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** `host:port` from an env-style value, with IPv6 brackets handled; null when malformed. */
export function parseHostPort(value: string | undefined): { host: string; port: number } | null {
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value?.trim() ?? '');
  return m ? { host: m[1], port: Number(m[2]) } : null;
}
