/** Reads the status a Kubernetes API error carries (client-node's ApiException or a network error). */

/** What the API server said. */
export interface ApiFailure {
  code?: number;
  reason?: string;
  message: string;
}

/** Extracts code, reason and the server's message from any thrown value. */
export function apiFailure(error: unknown): ApiFailure {
  const e = error as { code?: unknown; body?: unknown; message?: unknown };
  const code = typeof e?.code === 'number' ? e.code : undefined;
  let body: unknown = e?.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // Not JSON: keep the text.
    }
  }
  if (body && typeof body === 'object' && 'message' in body && typeof (body as { message: unknown }).message === 'string') {
    const b = body as { message: string; reason?: string };
    return { code, reason: b.reason, message: b.message };
  }
  const text = typeof body === 'string' && body ? body : typeof e?.message === 'string' ? e.message : String(error);
  return { code, message: text.split('\n')[0].slice(0, 500) };
}

/** True when a 403 is an RBAC refusal (the caller may not do it), not an admission denial. */
export function isRbacForbidden(f: ApiFailure): boolean {
  return f.code === 403 && /cannot \w+ resource/.test(f.message);
}

/** The exit-2 message of an API server refusal (403) that escaped every caller, or undefined for other errors. */
export function refusalMessage(error: unknown): string | undefined {
  const f = apiFailure(error);
  if (f.code !== 403 || typeof (error as { body?: unknown })?.body === 'undefined') return undefined;
  return `the Kubernetes API server refused a request (403 ${f.reason ?? 'Forbidden'}): ${f.message}`;
}

/**
 * Messages of the admission controllers that refuse a pod for its security posture: Pod
 * Security Admission, an admission webhook (Kyverno, Gatekeeper...), a ValidatingAdmissionPolicy,
 * and the legacy PodSecurityPolicy / OpenShift SCC admission.
 */
const POLICY_DENIAL = [
  /violates PodSecurity "/,
  /admission webhook "[^"]*" denied the request/,
  /ValidatingAdmissionPolicy '[^']*' with binding '[^']*' denied request/,
  /unable to validate against any pod security policy/,
  /unable to validate against any security context constraint/,
];

/**
 * True only for a refusal by a security policy. Other admission refusals (ResourceQuota,
 * LimitRange, a missing service account, a terminating namespace, a missing PriorityClass)
 * say nothing about the posture: they are errors of the scenario, never "denied".
 */
export function isPolicyDenial(f: ApiFailure): boolean {
  return f.code !== undefined && f.code >= 400 && f.code < 500 && !isRbacForbidden(f) && POLICY_DENIAL.some((re) => re.test(f.message));
}
