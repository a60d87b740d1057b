/** What the runner asks of each probe: its agent config, with a challenge the agent echoes so output not produced for this probe is refused. */
import { randomBytes } from 'node:crypto';
import type { AgentConfig } from '../../probes/agent.js';
import type { TargetKind } from '../../probes/model.js';
import type { NodeReference } from '../../probes/lib/node-reference.js';

/**
 * Per-check collect budget inside the probe. Checks run concurrently, so a healthy agent
 * finishes in well under a second; the budget only bounds a hung check, and on a loaded
 * node (8 probe pods on 2 CPUs) 3 s left sound checks inconclusive.
 */
const CHECK_TIMEOUT_MS = 10_000;

/** A fresh random challenge (128 bits, hex). */
function newChallenge(): string {
  return randomBytes(16).toString('hex');
}

/** What a probe was sent that its document must echo: the challenge, and the host reference (when one was taken). */
export interface ProbeEcho {
  challenge: string;
  nodeReference?: NodeReference;
}

/** The ESCAPEKIT_AGENT value for one probe, and what its document must echo. */
export function probeRequest(target: TargetKind, network: boolean, nodeReference?: NodeReference): { echo: ProbeEcho; agentConfig: string } {
  const challenge = newChallenge();
  const config: AgentConfig = { target, network, checkTimeoutMs: CHECK_TIMEOUT_MS, challenge, ...(nodeReference ? { nodeReference } : {}) };
  return { echo: { challenge, ...(nodeReference ? { nodeReference } : {}) }, agentConfig: JSON.stringify(config) };
}
