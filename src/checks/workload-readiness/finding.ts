// How a readiness finding is made: catalog severity, the object's origin, and the per-object
// opt-out annotation `upshift.io/ignore: pdb-missing,single-replica` (or `all`).
import type { Finding, Resource } from '../../core/types.js';
import { CATALOG, type FindingId } from '../../core/catalog.js';
import { resourceRef } from '../../core/describe.js';
import type { CheckContext } from '../types.js';
import { summaryOf } from '../../core/workload-model/object-summary.js';

export function readinessFinding(id: FindingId, resource: Resource, message: string, details: Record<string, unknown> = {}): Finding[] {
  if (ignoredIds(resource).some((ignored) => ignored === id || ignored === 'all')) return [];
  const finding: Finding = { id, severity: CATALOG[id].severity, message, resource: resourceRef(resource), origin: resource.origin };
  if (resource.confidence) details = { ...details, confidence: resource.confidence };
  if (Object.keys(details).length > 0) finding.details = details;
  return [finding];
}

/** Thresholds of the project configuration, with their defaults. */
export function thresholds(context: CheckContext): { minReplicas: number; maxTerminationGraceSeconds: number } {
  return {
    minReplicas: context.config?.readiness?.minReplicas ?? 2,
    maxTerminationGraceSeconds: context.config?.readiness?.maxTerminationGraceSeconds ?? context.knowledge.drain.evictionTimeoutSeconds,
  };
}

function ignoredIds(resource: Resource): string[] {
  const value = summaryOf(resource)?.ignore;
  return value === undefined ? [] : value.split(',').map((id) => id.trim());
}
