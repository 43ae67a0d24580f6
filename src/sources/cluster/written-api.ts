// Which API version wrote a live object. The server converts every object to whatever version
// it is read with, so the listed apiVersion proves nothing; the writers' own records do:
// metadata.managedFields (every update and server-side apply), the
// kubectl.kubernetes.io/last-applied-configuration annotation and kapp's kapp.k14s.io/original annotation
// (the object as kapp last applied it). The most recent writer wins.
import type { KubeObject } from '../../core/types.js';

export interface Writer {
  apiVersion: string;
  evidence: 'managedFields' | 'last-applied-configuration' | 'kapp-original' | 'listed';
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

/** Annotations that hold the whole object as a client applied it, with the field manager that client writes as. */
const APPLIED_ANNOTATIONS = [
  { annotation: 'kubectl.kubernetes.io/last-applied-configuration', evidence: 'last-applied-configuration', manager: 'kubectl-client-side-apply' },
  { annotation: 'kapp.k14s.io/original', evidence: 'kapp-original', manager: 'kapp' },
] as const;

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
  for (const { annotation, evidence, manager } of APPLIED_ANNOTATIONS) {
    const applied = typeof annotations[annotation] === 'string' ? appliedApiVersion(annotations[annotation]) : undefined;
    if (!applied) continue;
    // The annotation has no time of its own: it dates from its client's managedFields entry when there is
    // one, and is older than every managedFields entry otherwise (pre-1.18 writes).
    const appliedAt = entries.find((entry) => entry.manager === manager && entry.apiVersion === applied)?.time;
    if (!latest || (appliedAt !== undefined && appliedAt >= (latest.time ?? ''))) {
      return { apiVersion: applied, evidence, ...(appliedAt ? { time: appliedAt } : {}) };
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
