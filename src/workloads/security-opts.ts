/** Docker security options (`--security-opt`, compose `security_opt`, inspect's SecurityOpt) -> posture keys. */
import type { DerivedScenario } from './types.js';

/** How a `seccomp=` value that is not a keyword becomes a profile: a file path (compose) or inline JSON (inspect). */
export type SeccompValue = (value: string) => string | undefined;

/** Reads one list of security options into the scenario; `origin` names the field for messages. */
export function deriveSecurityOpts(opts: string[], origin: string, seccompFile: SeccompValue, out: DerivedScenario): void {
  const selinux: Record<string, string> = {};
  for (const raw of opts) {
    // Both `key=value` and the older `key:value` separators are accepted by Docker.
    const m = /^([a-z-]+)[=:](.*)$/s.exec(raw) ?? (raw === 'no-new-privileges' ? ['', 'no-new-privileges', 'true'] : null);
    const shown = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
    if (!m) {
      out.notReproduced.push(`${origin}: '${shown}' not understood`);
      continue;
    }
    const [, key, value] = m;
    if (key === 'seccomp') {
      if (value === 'unconfined') out.posture.seccomp = 'unconfined';
      else {
        const file = seccompFile(value);
        if (file) out.posture.seccomp = { localhostProfile: file };
        else out.notReproduced.push(`${origin}: seccomp profile '${shown}' could not be read`);
      }
      out.sources.push({ key: 'seccomp', field: `${origin}: seccomp=${value === 'unconfined' ? 'unconfined' : '<custom profile>'}` });
    } else if (key === 'apparmor') {
      out.posture.apparmor = value === 'unconfined' ? 'unconfined' : value === 'docker-default' ? 'runtime-default' : { localhostProfile: value };
      out.sources.push({ key: 'apparmor', field: `${origin}: ${shown}` });
    } else if (key === 'label') {
      const part = /^(user|role|type|level|disable)[:=](.*)$/.exec(value) ?? (value === 'disable' ? ['', 'disable', ''] : null);
      if (part?.[1] === 'disable') out.notReproduced.push(`${origin}: label=disable not reproduced (no SELinux posture key turns labelling off)`);
      else if (part) selinux[part[1]] = part[2];
      else out.notReproduced.push(`${origin}: '${shown}' not understood`);
    } else if (key === 'no-new-privileges') {
      out.posture.noNewPrivileges = value !== 'false';
      out.sources.push({ key: 'noNewPrivileges', field: `${origin}: ${shown}` });
    } else if (key === 'systempaths' && value === 'unconfined') {
      out.posture.procMount = 'Unmasked';
      out.sources.push({ key: 'procMount', field: `${origin}: ${shown}` });
    } else {
      out.notReproduced.push(`${origin}: '${shown}' not reproduced`);
    }
  }
  if (Object.keys(selinux).length) {
    out.posture.selinux = selinux;
    out.sources.push({ key: 'selinux', field: `${origin}: label ${JSON.stringify(selinux)}` });
  }
}

/** A Docker `user` (`uid`, `uid:gid`, or names): numbers reproduced; a name or nothing means root, the worst case. */
export function deriveDockerUser(user: string, origin: string, out: DerivedScenario): void {
  const m = /^(\d{1,10})(?::(\d{1,10}))?$/.exec(user);
  if (m) {
    out.posture.user = m[2] !== undefined ? `${m[1]}:${m[2]}` : Number(m[1]);
    out.sources.push({ key: 'user', field: `${origin}: ${user}` });
    return;
  }
  out.posture.user = 0;
  out.notReproduced.push(user === ''
    ? `${origin}: unset; the image decides its user, the probe assumes the worst case, root (uid 0)`
    : `${origin}: '${user.slice(0, 40)}' is a name, not resolvable outside the image; the probe assumes root (uid 0)`);
  out.sources.push({ key: 'user', field: `${origin}: ${user || 'unset'} (probe uid 0)` });
}
