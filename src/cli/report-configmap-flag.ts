/** `--report-configmap [NS/]NAME`: checked before any work (target, names, which namespace). */
import { UsageError } from '../errors.js';
import { terminalSafe } from '../io/terminal-safe.js';
import { configSource } from '../kubernetes/config-source.js';
import type { TargetName } from '../targets/create.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The ConfigMap the JSON report goes to. Its namespace: the one named, else `--namespace`, else
 * (in a pod) the pod's own; a run in fresh namespaces from outside must name one (they are deleted).
 */
export function parseReportConfigMap(value: string | undefined, target: TargetName, namespace: string | undefined, kubeconfig: string | undefined): { namespace: string; name: string } | undefined {
  if (value === undefined) return undefined;
  if (target === 'docker') throw new UsageError('--report-configmap applies to --target kubernetes or kind, not docker');
  const parts = value.split('/');
  const [ns, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  const shown = terminalSafe(value.slice(0, 120));
  if (parts.length > 2 || !DNS_SUBDOMAIN.test(name)) throw new UsageError(`--report-configmap '${shown}' is not [NAMESPACE/]NAME (a ConfigMap name: lower-case letters, digits, '-' and '.')`);
  if (ns !== undefined && !DNS_LABEL.test(ns)) throw new UsageError(`--report-configmap '${shown}': '${terminalSafe(ns.slice(0, 80))}' is not a namespace name`);
  const source = configSource(kubeconfig);
  const chosen = ns ?? namespace ?? (source.kind === 'in-cluster' ? source.namespace : undefined);
  if (!chosen) throw new UsageError(`--report-configmap ${shown}: name its namespace (NAMESPACE/${terminalSafe(name)}): the run's own namespaces are deleted at its end`);
  return { namespace: chosen, name };
}
