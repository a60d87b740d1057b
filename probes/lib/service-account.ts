/** The pod's service account credentials as mounted by the kubelet: found, described, never exported. */
import { promises as fs } from 'node:fs';
import { listDir, readTrimmed } from './fs.js';
import type { MountInfo } from './proc.js';
import { parseHostPort } from './k8s-http.js';

/** Where the kubelet mounts the service account token by default. */
export const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Non-secret facts about a token (claims of its JWT payload); the token itself never leaves collect. */
export interface TokenFacts {
  dir: string;
  /** The token file (any name a projected volume gives it, not only `token`). */
  file: string;
  namespace: string | null;
  caPresent: boolean;
  subject: string | null;
  issuer: string | null;
  /** Expiry in epoch seconds; null for legacy non-expiring secret-based tokens. */
  expires: number | null;
  /** Bound (projected) tokens name the pod they belong to. */
  boundToPod: boolean;
}

/** Directories that may hold a token: the default one and any mount that looks like a token volume. */
export function tokenDirs(mounts: readonly MountInfo[] | null): string[] {
  const dirs = new Set<string>([SA_DIR]);
  for (const m of mounts ?? []) if (/kube-api-access|serviceaccount|kubernetes\.io~(projected|secret)/i.test(`${m.root} ${m.mountPoint}`)) dirs.add(m.mountPoint);
  return [...dirs];
}

/** Decodes the claims of a JWT without verifying it (only to describe it). */
export function jwtClaims(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A JWT: three base64url parts whose header names an algorithm. */
export function looksLikeJwt(text: string): boolean {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text)) return false;
  try {
    const header = JSON.parse(Buffer.from(text.split('.')[0], 'base64url').toString('utf8')) as { alg?: unknown };
    return typeof header?.alg === 'string';
  } catch {
    return false;
  }
}

/** Largest file read as a possible token. */
const MAX_TOKEN_BYTES = 64 * 1024;

/** Files of a token volume: every entry but the kubelet's `..data` machinery, one level of sub-directories deep. */
async function candidateFiles(dir: string, depth = 2): Promise<string[]> {
  const out: string[] = [];
  for (const name of ((await listDir(dir)) ?? []).filter((n) => !n.startsWith('..')).slice(0, 50)) {
    const p = `${dir.replace(/\/$/, '')}/${name}`;
    const st = await statFollow(p);
    if (st?.isFile() && st.size > 0 && st.size <= MAX_TOKEN_BYTES) out.push(p);
    else if (st?.isDirectory() && depth > 1) out.push(...(await candidateFiles(p, depth - 1)));
  }
  return out;
}

/** Reads every token in `dir` (any file holding a JWT): facts for the evidence, and the tokens for the caller's requests. */
export async function readTokens(dir: string): Promise<Array<{ facts: TokenFacts; token: string; ca: string | null }>> {
  const files = await candidateFiles(dir);
  const [namespace, ca, defaultCa] = await Promise.all([readTrimmed(`${dir}/namespace`), readTrimmed(`${dir}/ca.crt`), readTrimmed(`${SA_DIR}/ca.crt`)]);
  const found: Array<{ facts: TokenFacts; token: string; ca: string | null }> = [];
  for (const file of files) {
    const token = await readTrimmed(file);
    if (!token || !looksLikeJwt(token)) continue;
    const c = jwtClaims(token) ?? {};
    const k8s = (c['kubernetes.io'] ?? {}) as { pod?: unknown; namespace?: unknown };
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    // A projected token next to no CA: the cluster CA of the default volume verifies the same API server.
    const caUsed = ca ?? defaultCa;
    found.push({
      token,
      ca: caUsed,
      facts: {
        dir,
        file,
        namespace: namespace ?? str(k8s.namespace) ?? str(c['kubernetes.io/serviceaccount/namespace']),
        caPresent: caUsed !== null,
        subject: str(c.sub),
        issuer: str(c.iss),
        expires: typeof c.exp === 'number' ? c.exp : null,
        boundToPod: Boolean(k8s.pod),
      },
    });
  }
  return found;
}

/** Every distinct token in every token directory (the same token mounted twice counts once). */
export async function readAllTokens(dirs: readonly string[]): Promise<Array<{ facts: TokenFacts; token: string; ca: string | null }>> {
  const seen = new Set<string>();
  return (await Promise.all(dirs.map((d) => readTokens(d)))).flat().filter((t) => (seen.has(t.token) ? false : (seen.add(t.token), true)));
}

async function statFollow(p: string): Promise<import('node:fs').Stats | null> {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

/** The API server address from the env the kubelet injects; the cluster DNS name when absent. */
export function apiServerAddress(env: NodeJS.ProcessEnv = process.env): { host: string; port: number; source: 'env' | 'dns' } {
  const host = env.KUBERNETES_SERVICE_HOST?.trim();
  const port = Number(env.KUBERNETES_SERVICE_PORT ?? 443);
  if (host && Number.isInteger(port) && port > 0) return { host, port, source: 'env' };
  const fallback = parseHostPort('kubernetes.default.svc:443')!;
  return { ...fallback, source: 'dns' };
}
