/** Advisory: does the probe share the host's UTS namespace (hostname)? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import * as s from '../lib/shape.js';
import { readLink, readTrimmed } from '../lib/fs.js';
import { isInitialNamespace, nsInode } from '../lib/ns.js';

interface UtsEvidence extends Evidence {
  utsNamespace: string | null;
  hostname: string | null;
}

function judge(e: UtsEvidence): Verdict {
  const initial = isInitialNamespace('uts', nsInode(e?.utsNamespace));
  if (initial === true) return { status: 'broken', summary: `UTS namespace is the host's (${e.utsNamespace}); hostname ${e.hostname ?? '?'} is the host's and sethostname would rename the host` };
  if (initial === false) return { status: 'holds', summary: `own UTS namespace (${e.utsNamespace}), hostname ${e.hostname ?? '?'}` };
  return { status: 'inconclusive', summary: `UTS namespace unreadable or unrecognised (${e?.utsNamespace ?? 'no link'})` };
}

export default defineCheck<UtsEvidence>({
  id: 'host-uts-namespace',
  boundary: 'host-network',
  title: 'Host UTS namespace shared',
  rationale: 'Sharing the host UTS namespace reveals the host name and, with SYS_ADMIN, lets the container rename the host; it usually comes with --net=host and is a sign of a loosened posture.',
  method: 'Compares /proc/self/ns/uts with the fixed inode of the initial UTS namespace (0xEFFFFFFE) and records the hostname.',
  remediation: 'Do not use --uts=host; on Kubernetes hostNetwork implies it, so do not set hostNetwork.',
  severity: 'low',
  safety: 'passive',
  advisory: true,
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.21' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
  ],
  evidence: s.object({ utsNamespace: s.nullable(s.string({ max: 100 })), hostname: s.nullable(s.string({ max: 300 })) }),
  async collect() {
    const [ns, hostname] = await Promise.all([readLink('/proc/self/ns/uts'), readTrimmed('/proc/sys/kernel/hostname')]);
    return { utsNamespace: ns, hostname };
  },
  evaluate: judge,
});
