/** The pod's service account credentials as mounted by the kubelet: found, described, never exported. */
import { readTrimmed, statType } from './fs.js';
import type { MountInfo } from './proc.js';
import { parseHostPort } from './k8s-http.js';

/** Where the kubelet mounts the service account token by default. */
export const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Non-secret facts about a token (claims of its JWT payload); the token itself never leaves collect. */
export interface TokenFacts {
  dir: string;
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

/** Reads the token in `dir`: facts for the evidence, and the token for the caller's requests. */
export async function readToken(dir: string): Promise<{ facts: TokenFacts; token: string; ca: string | null } | null> {
  if ((await statType(`${dir}/token`)) === null) return null;
  const [token, namespace, ca] = await Promise.all([readTrimmed(`${dir}/token`), readTrimmed(`${dir}/namespace`), readTrimmed(`${dir}/ca.crt`)]);
  if (!token) return null;
  const c = jwtClaims(token) ?? {};
  const k8s = (c['kubernetes.io'] ?? {}) as { pod?: unknown; namespace?: unknown };
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    token,
    ca,
    facts: {
      dir,
      namespace: namespace ?? str(k8s.namespace) ?? str(c['kubernetes.io/serviceaccount/namespace']),
      caPresent: ca !== null,
      subject: str(c.sub),
      issuer: str(c.iss),
      expires: typeof c.exp === 'number' ? c.exp : null,
      boundToPod: Boolean(k8s.pod),
    },
  };
}

/** The API server address from the env the kubelet injects; the cluster DNS name when absent. */
export function apiServerAddress(env: NodeJS.ProcessEnv = process.env): { host: string; port: number; source: 'env' | 'dns' } {
  const host = env.KUBERNETES_SERVICE_HOST?.trim();
  const port = Number(env.KUBERNETES_SERVICE_PORT ?? 443);
  if (host && Number.isInteger(port) && port > 0) return { host, port, source: 'env' };
  const fallback = parseHostPort('kubernetes.default.svc:443')!;
  return { ...fallback, source: 'dns' };
}
