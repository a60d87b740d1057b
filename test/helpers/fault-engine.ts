/**
 * A second, private Docker engine for fault tests, so the shared one is never restarted:
 * its own containerd (the system containerd socket may belong to the test cluster) and its own
 * dockerd, with their own socket, data root, exec root, pid file and containerd namespaces,
 * no iptables rules, and the shared engine's runtime configuration (/etc/docker/daemon.json
 * `runtimes` and `default-runtime`). dockerd runs in a network namespace of its own
 * (`ip netns add`): its bridge, addresses and routes never touch the host's. (Not
 * `--bridge=none`: dockerd then DELETES the host's docker0, the shared engine's bridge.)
 * Everything lives under /run/escapekit-fault/<pid>, /var/cache/escapekit/fault/<pid> and
 * the netns ekfault-<pid>, and is removed by `stop`.
 */
import Docker from 'dockerode';
import { execa, type ResultPromise } from 'execa';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sleep } from './spawn-cli.js';

/** A running private engine. */
export interface FaultEngine {
  /** Value for DOCKER_HOST. */
  dockerHost: string;
  docker: Docker;
  /** SIGKILLs dockerd (containerd and running containers stay), as a crash would. */
  crash(): Promise<void>;
  /** Starts dockerd again on the same state and waits until it answers. */
  restart(): Promise<void>;
  /** Stops both daemons, unmounts what they left, removes every directory. Safe to call twice. */
  stop(): Promise<void>;
}

function runtimeConfig(): Record<string, unknown> {
  try {
    const shared = JSON.parse(readFileSync('/etc/docker/daemon.json', 'utf8')) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(shared).filter(([k]) => k === 'runtimes' || k === 'default-runtime'));
  } catch {
    return {};
  }
}

async function waitForPing(docker: Docker, ms: number, daemon: ResultPromise): Promise<void> {
  const deadline = Date.now() + ms;
  let exited = false;
  void daemon.finally(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    if (await docker.ping().then(() => true, () => false)) return;
    await sleep(200);
  }
  const r = await Promise.race([daemon, sleep(100).then(() => null)]);
  throw new Error(`the fault-test engine did not start: ${r ? String(r.stderr).split('\n').slice(-5).join('\n') : 'no answer'}`);
}

/** Removes an empty cgroup directory the engine's containers left (missing or busy is fine). */
function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // absent, or still in use
  }
}

/** Unmounts (lazily) everything mounted under `dirs`, deepest first. */
async function unmountUnder(dirs: string[]): Promise<void> {
  const points = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4]).filter((p) => p && dirs.some((d) => p === d || p.startsWith(`${d}/`)));
  for (const p of points.sort((a, b) => b.length - a.length)) await execa('umount', ['-l', p], { reject: false });
}

/** Starts the private engine and loads `images` into it from the shared engine. */
export async function startFaultEngine(shared: Docker, images: string[]): Promise<FaultEngine> {
  // First the one step that can fail on a host without network namespaces: nothing to undo yet.
  const netns = `ekfault-${process.pid}`;
  await execa('ip', ['netns', 'add', netns]);
  const run = `/run/escapekit-fault/${process.pid}`;
  const data = `/var/cache/escapekit/fault/${process.pid}`;
  for (const d of [run, data]) mkdirSync(d, { recursive: true, mode: 0o700 });
  const socket = path.join(run, 'docker.sock');
  const containerdSocket = path.join(run, 'containerd.sock');
  writeFileSync(path.join(run, 'containerd.toml'), [
    'version = 2',
    `root = "${data}/containerd"`,
    `state = "${run}/containerd"`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    '[grpc]',
    `  address = "${containerdSocket}"`,
    '',
  ].join('\n'));
  writeFileSync(path.join(run, 'daemon.json'), JSON.stringify(runtimeConfig()));
  const containerd = execa('containerd', ['--config', path.join(run, 'containerd.toml'), '--log-level', 'warn'], { reject: false, cleanup: true });
  for (let i = 0; i < 50 && !existsSync(containerdSocket); i++) await sleep(100);
  const cgroupParent = `/escapekit-fault-${process.pid}`;
  const dockerdArgs = [
    `--net=/run/netns/${netns}`, 'dockerd',
    '--host', `unix://${socket}`, '--data-root', `${data}/docker`, '--exec-root', `${run}/exec`, '--pidfile', `${run}/docker.pid`,
    '--containerd', containerdSocket, '--containerd-namespace', 'escapekit-fault', '--containerd-plugins-namespace', 'escapekit-fault-plugins',
    '--iptables=false', '--ip6tables=false', '--ip-masq=false', '--userland-proxy=false', '--cgroup-parent', cgroupParent,
    '--config-file', path.join(run, 'daemon.json'), '--log-level', 'warn',
  ];
  let dockerd = execa('nsenter', dockerdArgs, { reject: false, cleanup: true });
  const docker = new Docker({ socketPath: socket });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const daemon of [dockerd, containerd]) {
      daemon.kill('SIGTERM');
      const force = setTimeout(() => daemon.kill('SIGKILL'), 15_000);
      await daemon;
      clearTimeout(force);
    }
    await unmountUnder([run, data]);
    await execa('ip', ['netns', 'delete', netns], { reject: false });
    for (const h of existsSync('/sys/fs/cgroup') ? readdirSync('/sys/fs/cgroup') : []) rmdirQuietly(path.join('/sys/fs/cgroup', h, cgroupParent));
    rmSync(run, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
    for (const parent of [path.dirname(run), path.dirname(data)]) rmdirQuietly(parent);
  };
  try {
    await waitForPing(docker, 30_000, dockerd);
    for (const image of images) {
      const progress = await docker.loadImage(await shared.getImage(image).get());
      await new Promise<void>((resolve, reject) => docker.modem.followProgress(progress, (e: Error | null) => (e ? reject(e) : resolve())));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    dockerHost: `unix://${socket}`,
    docker,
    crash: async () => {
      dockerd.kill('SIGKILL');
      await dockerd;
    },
    restart: async () => {
      dockerd = execa('nsenter', dockerdArgs, { reject: false, cleanup: true });
      await waitForPing(docker, 30_000, dockerd);
    },
    stop,
  };
}
