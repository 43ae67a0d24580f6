// Which API version wrote a live object. The server converts every object to whatever version
// it is read with, so the listed apiVersion proves nothing; the writers' own records do:
// metadata.managedFields (every update and server-side apply) and the
// kubectl.kubernetes.io/last-applied-configuration annotation. The most recent writer wins.
import type { KubeObject } from '../../core/types.js';

export interface Writer {
  apiVersion: string;
  evidence: 'managedFields' | 'last-applied-configuration' | 'listed';
  manager?: string;
  time?: string;
}

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  subresource?: string;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

// Control-plane components rewrite objects (status, revision annotations) in whatever version
// is current and are upgraded with the cluster: they say nothing about the team's manifests.
const CONTROL_PLANE_MANAGERS = new Set(['kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-apiserver', 'eks', 'eks.amazonaws.com']);

export function writtenApi(object: KubeObject): Writer {
  const listed: Writer = { apiVersion: String(object.apiVersion), evidence: 'listed' };
  const metadata = object.metadata ?? {};
  const entries = (Array.isArray(metadata.managedFields) ? (metadata.managedFields as ManagedFieldsEntry[]) : []).filter(
    (entry) => typeof entry.apiVersion === 'string' && !entry.subresource && !CONTROL_PLANE_MANAGERS.has(entry.manager ?? ''),
  );
  let latest: ManagedFieldsEntry | undefined;
  for (const entry of entries) if (!latest || (entry.time ?? '') > (latest.time ?? '')) latest = entry;

  const annotations = (metadata.annotations ?? {}) as Record<string, unknown>;
  const applied = typeof annotations[LAST_APPLIED] === 'string' ? appliedApiVersion(annotations[LAST_APPLIED]) : undefined;
  if (applied) {
    // The annotation has no time of its own: it dates from kubectl's client-side apply entry
    // when there is one, and is older than every managedFields entry otherwise (pre-1.18 writes).
    const appliedAt = entries.find((entry) => entry.manager === 'kubectl-client-side-apply' && entry.apiVersion === applied)?.time;
    if (!latest || (appliedAt !== undefined && appliedAt >= (latest.time ?? ''))) {
      return { apiVersion: applied, evidence: 'last-applied-configuration', ...(appliedAt ? { time: appliedAt } : {}) };
    }
  }
  if (!latest) return listed;
  const writer: Writer = { apiVersion: latest.apiVersion!, evidence: 'managedFields' };
  if (latest.manager) writer.manager = latest.manager;
  if (latest.time) writer.time = latest.time;
  return writer;
}

function appliedApiVersion(annotation: string): string | undefined {
  try {
    const applied = JSON.parse(annotation) as { apiVersion?: unknown };
    return typeof applied.apiVersion === 'string' ? applied.apiVersion : undefined;
  } catch {
    return undefined;
  }
}
