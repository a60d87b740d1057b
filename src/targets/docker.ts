/** The Docker target: one probe container per scenario on the local (or DOCKER_HOST) engine. */
import { probeRequest } from '../run/challenge.js';
import type Docker from 'dockerode';
import os from 'node:os';
import { connectDocker } from '../docker/client.js';
import { engineHostReference, referenceContainer } from '../docker/host-namespaces.js';
import type { NodeReference } from '../../probes/lib/node-reference.js';
import { ensureProbeImage, type ProbeImage } from '../image/build.js';
import { dockerIgnoredKeys, postureToDocker } from '../posture/docker.js';
import { readSeccompProfile } from '../posture/seccomp-file.js';
import { messageOf, UsageError } from '../errors.js';
import type { TargetReport } from '../model/report.js';
import { runContainer } from './docker-probe.js';
import { objectName, probeLabels, runSelector } from './labels.js';
import type { PlannedScenario, ProbeOutcome, Target, TargetOptions } from './types.js';

/** Suite and scenario label of the run's host-reference container (never a suite name: those are user input). */
const HOST_REFERENCE_SUITE = 'escapekit-host-reference';

/** Removes every container carrying the run-id label (of one run, or of any run). */
export async function removeLabelled(docker: Docker, runId?: string): Promise<number> {
  const containers = await docker.listContainers({ all: true, filters: { label: [runSelector(runId)] } });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  return containers.length;
}

/** How long cleanup lets in-flight container runs settle (a removed container ends its run at once; a loaded engine answers creates late). */
const CREATE_SETTLE_MS = 20_000;

/** Deploys probes as containers on a Docker engine. */
export class DockerTarget implements Target {
  readonly kind = 'docker' as const;
  private docker?: Docker;
  private image?: ProbeImage;
  private daemonRoot = '/var/lib/docker';
  /** `docker info` from prepare, reused by describe. */
  private info: Record<string, unknown> = {};
  private closed = false;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly lateRemovals = new Set<Promise<unknown>>();
  /** The engine host's namespaces, read by a reference container: a host that is itself a container is recognised. */
  private hostReference?: NodeReference;

  constructor(private readonly options: TargetOptions & { image?: string }) {}

  async prepare(planned: PlannedScenario[] = []): Promise<void> {
    // A custom seccomp profile is read before anything starts: a missing or malformed file is bad input.
    for (const { scenario } of planned) if (typeof scenario.posture.seccomp === 'object') readSeccompProfile(scenario.posture.seccomp.localhostProfile);
    this.docker = await connectDocker();
    this.image = this.options.image ? await this.existingImage(this.options.image) : await ensureProbeImage(this.docker);
    this.info = (await this.docker.info()) as Record<string, unknown>;
    if (typeof this.info.DockerRootDir === 'string') this.daemonRoot = this.info.DockerRootDir;
    const reference = referenceContainer(
      this.image.tag,
      objectName(`escapekit-${this.options.runId}-host-reference`, 200),
      probeLabels(this.options.runId, HOST_REFERENCE_SUITE, HOST_REFERENCE_SUITE),
      Object.keys((this.info.Runtimes as object) ?? {}),
    );
    if (this.closed) return;
    // Tracked like a probe: an interrupt's cleanup waits for its create request, then sweeps it by label.
    const pending = engineHostReference(this.docker, reference, Math.min(this.options.timeoutMs, 30_000), (id) => this.track(id));
    this.inflight.add(pending);
    this.hostReference = await pending.finally(() => this.inflight.delete(pending));
  }

  /** A user-supplied probe image (e.g. built online from probes/image/Dockerfile.online); never pulled. */
  private async existingImage(tag: string): Promise<ProbeImage> {
    const found = await this.docker!.getImage(tag).inspect().catch(() => null);
    if (!found) throw new UsageError(`--image ${tag}: no such image on the Docker engine (escapekit never pulls)`);
    return { tag, built: false, sizeBytes: found.Size, busybox: true };
  }

  async describe(): Promise<TargetReport> {
    const docker = this.docker!;
    const version = await docker.version();
    const info = this.info;
    return {
      kind: 'docker',
      engine: `Docker ${version.Version}`,
      apiVersion: version.ApiVersion,
      kernel: version.KernelVersion,
      os: info.OperatingSystem,
      cgroupVersion: info.CgroupVersion,
      cgroupDriver: info.CgroupDriver,
      defaultRuntime: info.DefaultRuntime,
      runtimes: Object.keys((info.Runtimes as object) ?? {}),
      securityOptions: info.SecurityOptions,
      storageDriver: info.Driver,
      probeImage: this.image?.tag,
      probeImageBytes: this.image?.sizeBytes,
      host: os.hostname(),
    };
  }

  async run({ suite, scenario }: PlannedScenario): Promise<ProbeOutcome[]> {
    const docker = this.docker!;
    const usernsRemap = Array.isArray(this.info.SecurityOptions) && this.info.SecurityOptions.some((o) => /name=userns/.test(String(o)));
    const ignored = dockerIgnoredKeys(scenario.posture, { usernsRemap });
    const { echo, agentConfig } = probeRequest('docker', this.options.network, this.hostReference);
    const posture = postureToDocker(scenario.posture, this.daemonRoot);
    const create: Docker.ContainerCreateOptions = {
      name: objectName(`escapekit-${this.options.runId}-${suite.name}-${scenario.name}`, 200),
      Image: this.image!.tag,
      Labels: probeLabels(this.options.runId, suite.name, objectName(scenario.name, 63)),
      Env: [`ESCAPEKIT_AGENT=${agentConfig}`],
      User: posture.User,
      // The runner reads the probe through the attach stream: the engine need not store its log.
      HostConfig: { ...posture.HostConfig, LogConfig: { Type: 'none', Config: {} } },
    };
    if (this.closed) return [{ admission: 'allowed', error: 'run interrupted before the probe started' }];
    try {
      const pending = runContainer(docker, create, this.options.timeoutMs, (id) => this.track(id));
      this.inflight.add(pending);
      const result = await pending.finally(() => this.inflight.delete(pending));
      const outcome: ProbeOutcome = { admission: 'allowed', stdout: result.stdout, ...echo, ...(ignored.length ? { ignoredPostureKeys: ignored } : {}) };
      if (result.timedOut) return [{ ...outcome, timedOut: true, error: `probe timed out after ${this.options.timeoutMs / 1000} s and was killed` }];
      if (result.exitCode !== 0) outcome.error = `probe exited with code ${result.exitCode}`;
      return [outcome];
    } catch (error) {
      return [{ admission: 'allowed', error: `docker: ${messageOf(error)}` }];
    }
  }

  private track(id: string): void {
    // A container created after cleanup began is removed at once, and cleanup waits for that removal.
    if (!this.closed) return;
    const removal = this.docker!.getContainer(id).remove({ force: true }).catch(() => undefined);
    this.lateRemovals.add(removal);
  }

  /**
   * Sweeps by label, lets in-flight creates settle, then sweeps again and awaits the removal of
   * containers whose create answered late. The wait is bounded (CREATE_SETTLE_MS) but generous:
   * a create the engine accepted and nobody waited for is a container left behind.
   */
  async cleanup(): Promise<void> {
    this.closed = true;
    if (!this.docker) return;
    await removeLabelled(this.docker, this.options.runId).catch(() => undefined);
    if (this.inflight.size) await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => setTimeout(r, CREATE_SETTLE_MS).unref())]);
    await removeLabelled(this.docker, this.options.runId).catch(() => undefined);
    await Promise.allSettled([...this.lateRemovals]);
  }
}
