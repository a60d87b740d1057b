/** What a kind cluster leaves in the Docker engine: its node containers, the shared `kind` network, and the offline node image. */
import type Docker from 'dockerode';

/** Repository of the node image scripts/setup-kind.sh builds offline. */
export const OFFLINE_NODE_IMAGE_REPO = 'escapekit.local/kind-node';
/** The network kind creates for its nodes (and never removes). */
const KIND_NETWORK = process.env.KIND_EXPERIMENTAL_DOCKER_NETWORK ?? 'kind';
/** Label kind puts on every node container. */
const CLUSTER_LABEL = 'io.x-k8s.kind.cluster';

/** The newest locally built offline node image (`escapekit.local/kind-node:<tag>`), if any. */
export async function offlineNodeImage(docker: Docker): Promise<string | undefined> {
  const images = await docker.listImages({ filters: { reference: [OFFLINE_NODE_IMAGE_REPO] } });
  const newest = images.sort((a, b) => b.Created - a.Created)[0];
  return newest?.RepoTags?.find((t) => t.startsWith(`${OFFLINE_NODE_IMAGE_REPO}:`));
}

/** Names of the node containers of kind cluster `name` (all kind clusters when omitted), running or not. */
export async function kindNodeContainers(docker: Docker, name?: string): Promise<string[]> {
  const label = name ? `${CLUSTER_LABEL}=${name}` : CLUSTER_LABEL;
  const list = await docker.listContainers({ all: true, filters: { label: [label] } });
  return list.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, ''));
}

/** Removes the `kind` network when no kind cluster and no container uses it; says what it did. */
export async function removeIdleKindNetwork(docker: Docker): Promise<'removed' | 'in use' | 'absent'> {
  const found = await docker.listNetworks({ filters: { name: [KIND_NETWORK] } });
  const net = found.find((n) => n.Name === KIND_NETWORK);
  if (!net) return 'absent';
  const info = (await docker.getNetwork(net.Id).inspect()) as { Containers?: Record<string, unknown> };
  if (Object.keys(info.Containers ?? {}).length > 0 || (await kindNodeContainers(docker)).length > 0) return 'in use';
  await docker.getNetwork(net.Id).remove();
  return 'removed';
}
