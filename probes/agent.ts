/**
 * Entry point inside the probe container. Runs every selected check's collect step with
 * its own timeout, never crashes on a failing check, and prints one JSON document
 * between marker lines on stdout. It never writes anywhere else.
 */
import { CHECKS } from './index.js';
import { collectEnvironment } from './environment.js';
import {
  AGENT_BEGIN,
  AGENT_END,
  AGENT_PROTOCOL_VERSION,
  type AgentCheckOutput,
  type AgentOutput,
  type Check,
  type CollectContext,
  type TargetKind,
} from './model.js';
import type { NodeReference } from './lib/node-reference.js';

/** What the runner asks of the agent, passed as JSON in ESCAPEKIT_AGENT. */
export interface AgentConfig {
  target: TargetKind;
  network: boolean;
  checkTimeoutMs: number;
  /** Check ids to run; all when absent. */
  only?: string[];
  /** Random per-probe value the document must echo (anti-replay). */
  challenge?: string;
  /** The runner's reading of the hosts' namespaces (probes/lib/node-reference.ts). */
  nodeReference?: NodeReference;
}

function readConfig(): AgentConfig {
  const fallback: AgentConfig = { target: 'docker', network: false, checkTimeoutMs: 3000 };
  const raw = process.env.ESCAPEKIT_AGENT;
  if (!raw) return fallback;
  try {
    return { ...fallback, ...(JSON.parse(raw) as Partial<AgentConfig>) };
  } catch {
    return fallback;
  }
}

async function runOne(check: Check, ctx: CollectContext): Promise<AgentCheckOutput> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!check.targets.includes(ctx.target)) return { id: check.id, ok: false, skipped: `not applicable on ${ctx.target}`, durationMs: 0 };
  if (check.optIn === 'network' && !ctx.network) return { id: check.id, ok: false, skipped: 'network checks not enabled', durationMs: 0 };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`collect timed out after ${ctx.timeoutMs} ms`)), ctx.timeoutMs);
  });
  try {
    const evidence = await Promise.race([check.collect(ctx), timeout]);
    return { id: check.id, ok: true, evidence, durationMs: elapsed() };
  } catch (error) {
    return { id: check.id, ok: false, error: error instanceof Error ? error.message : String(error), durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const config = readConfig();
  const ctx: CollectContext = { target: config.target, network: config.network, timeoutMs: config.checkTimeoutMs, ...(config.nodeReference ? { nodeReference: config.nodeReference } : {}) };
  const selected = config.only ? CHECKS.filter((c) => config.only!.includes(c.id)) : CHECKS;
  const [environment, results] = await Promise.all([
    collectEnvironment().catch((error: unknown) => ({ error: String(error) })),
    Promise.all(selected.map((check) => runOne(check, ctx))),
  ]);
  const output: AgentOutput = {
    agent: { version: AGENT_PROTOCOL_VERSION, node: process.version, durationMs: Math.round(performance.now() - started), ...(typeof config.challenge === 'string' ? { challenge: config.challenge } : {}) },
    environment,
    results,
  };
  // Writes to a pipe are asynchronous: exit only once the whole document has been flushed.
  await new Promise<void>((resolve) => process.stdout.write(`${AGENT_BEGIN}\n${JSON.stringify(output)}\n${AGENT_END}\n`, () => resolve()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`escapekit agent failed: ${String(error)}\n`);
    process.exit(3);
  },
);
