/**
 * What exists on a Docker engine (containers, images, volumes, networks) and what changed on it
 * in a time window (its event log), to prove a run created or touched nothing through the
 * runtime socket. Other tests run concurrently, so objects of escapekit runs (run-id label)
 * and of test images (names starting with `escapekit`) are attributed, not counted as harm.
 */
import type Docker from 'dockerode';

/** One engine event, as the events API reports it. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  timeNano: number;
}

/** Names of the engine's objects, each `kind/id name`. */
export interface DockerObjects {
  containers: string[];
  images: string[];
  volumes: string[];
  networks: string[];
}

/** Images escapekit and its tests build and remove: probe images and images built from them. */
const isEscapekitImage = (i: Docker.ImageInfo) => Boolean(i.Labels?.['escapekit.io/component']) || (i.RepoTags ?? []).some((t) => t.startsWith('escapekit'));

/** Lists every object except escapekit's own containers (run-id label) and images, which other tests create and remove concurrently. */
export async function dockerObjects(docker: Docker): Promise<DockerObjects> {
  const [containers, images, volumes, networks] = await Promise.all([docker.listContainers({ all: true }), docker.listImages({ all: true }), docker.listVolumes(), docker.listNetworks()]);
  return {
    containers: containers.filter((c) => !c.Labels?.['escapekit.io/run-id']).map((c) => `${c.Id.slice(0, 12)} ${c.Names.join(',')} ${c.State}`).sort(),
    images: images.filter((i) => !isEscapekitImage(i)).map((i) => `${i.Id.slice(7, 19)} ${(i.RepoTags ?? []).join(',')}`).sort(),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name).sort(),
    networks: networks.map((n) => `${n.Id.slice(0, 12)} ${n.Name}`).sort(),
  };
}

/** Entries of `after` missing from `before` (+) and the reverse (-), per kind. */
export function diffObjects(before: DockerObjects, after: DockerObjects): string[] {
  const out: string[] = [];
  for (const kind of ['containers', 'images', 'volumes', 'networks'] as const) {
    const b = new Set(before[kind]);
    const a = new Set(after[kind]);
    for (const x of a) if (!b.has(x)) out.push(`+${kind.slice(0, -1)} ${x}`);
    for (const x of b) if (!a.has(x)) out.push(`-${kind.slice(0, -1)} ${x}`);
  }
  return out;
}

/** The engine's events between two times (seconds, inclusive). */
export async function engineEvents(docker: Docker, sinceMs: number, untilMs: number): Promise<EngineEvent[]> {
  const stream = (await docker.getEvents({ since: Math.floor(sinceMs / 1000), until: Math.ceil(untilMs / 1000) })) as NodeJS.ReadableStream;
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EngineEvent);
}

/**
 * Events nobody can account for: anything that is not about a container of an escapekit run
 * (or the network (dis)connections of such containers) or about an `escapekit*` image, and
 * any exec at all (no part of escapekit or its tests ever execs into a container).
 */
export function unattributedEvents(events: EngineEvent[]): string[] {
  const ours = new Set(events.filter((e) => e.Type === 'container' && e.Actor.Attributes?.['escapekit.io/run-id']).map((e) => e.Actor.ID));
  const out: string[] = [];
  for (const e of events) {
    const attrs = e.Actor.Attributes ?? {};
    const what = `${e.Type} ${e.Action} ${e.Actor.ID.slice(0, 19)} ${attrs.name ?? ''}`;
    if (e.Action.startsWith('exec_')) out.push(what);
    else if (e.Type === 'container' && ours.has(e.Actor.ID)) continue;
    else if (e.Type === 'network' && ours.has(attrs.container ?? '')) continue;
    else if (e.Type === 'image' && (attrs['escapekit.io/component'] || /^escapekit/.test(attrs.name ?? ''))) continue;
    else out.push(what);
  }
  return out;
}

/** Follows the engine's events for one suite label; calls `onStart` when its container starts. */
export async function followSuite(docker: Docker, suite: string, onStart: () => void): Promise<{ events: EngineEvent[]; stop: () => void }> {
  const events: EngineEvent[] = [];
  const stream = (await docker.getEvents({ filters: { label: [`escapekit.io/suite=${suite}`], type: ['container'] } })) as NodeJS.ReadableStream & { destroy(): void };
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const e = JSON.parse(buffer.slice(0, nl)) as EngineEvent;
      buffer = buffer.slice(nl + 1);
      events.push(e);
      if (e.Action === 'start') onStart();
    }
  });
  return { events, stop: () => stream.destroy() };
}
