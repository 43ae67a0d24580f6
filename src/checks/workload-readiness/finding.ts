// How a readiness finding is made: catalog severity, the object's origin, and the per-object
// opt-out annotation `upshift.io/ignore: pdb-missing,single-replica` (or `all`).
import type { Finding, Resource } from '../../core/types.js';
import { CATALOG, type FindingId } from '../../core/catalog.js';
import { resourceRef } from '../../core/describe.js';
import type { CheckContext } from '../types.js';
import { summaryOf } from '../../core/workload-model/object-summary.js';
import { wordedFinding, type Wording } from '../../core/worded-finding.js';

/**
 * The finding, unless the object opts out of it. `message` is a Wording for the findings a large
 * estate makes one of per workload (see core/worded-finding.ts): it may read the finding's
 * resource and details only.
 */
export function readinessFinding(id: FindingId, resource: Resource, message: string | Wording, details: Record<string, unknown> = {}): Finding[] {
  if (isIgnored(resource, id)) return [];
  if (resource.confidence) details = { ...details, confidence: resource.confidence };
  const severity = CATALOG[id].severity;
  const ref = resourceRef(resource);
  const origin = resource.origin;
  if (typeof message !== 'string') return [wordedFinding(hasKeys(details) ? { id, severity, resource: ref, origin, details } : { id, severity, resource: ref, origin }, message)];
  // Written whole in one literal: a property added afterwards takes a property array of its own,
  // and a large estate keeps tens of thousands of these findings until the report is made.
  return [hasKeys(details) ? { id, severity, message, resource: ref, origin, details } : { id, severity, message, resource: ref, origin }];
}

/** Thresholds of the project configuration, with their defaults. */
export function thresholds(context: CheckContext): { minReplicas: number; maxTerminationGraceSeconds: number } {
  return {
    minReplicas: context.config?.readiness?.minReplicas ?? 2,
    maxTerminationGraceSeconds: context.config?.readiness?.maxTerminationGraceSeconds ?? context.knowledge.drain.evictionTimeoutSeconds,
  };
}

/** Whether the object's IGNORE annotation names `id` or `all` (nearly no object has one: it is looked at only then). */
function isIgnored(resource: Resource, id: FindingId): boolean {
  const value = summaryOf(resource)?.ignore;
  return value !== undefined && value.split(',').some((ignored) => ignored.trim() === id || ignored.trim() === 'all');
}

/** Whether `details` has a key (without listing them: the bench estate's scan makes 36,000 readiness findings). */
function hasKeys(details: Record<string, unknown>): boolean {
  for (const key in details) if (Object.hasOwn(details, key)) return true;
  return false;
}
