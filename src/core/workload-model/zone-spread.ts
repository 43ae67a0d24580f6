// Whether a workload's pods are kept apart by the scheduler: the zone-spread check and the drain
// simulation's placement of synthetic pods both follow this rule.
import type { Workload } from './workloads.js';

/**
 * Whether the scheduler is told to keep the workload's pods apart: a zone topologySpreadConstraint
 * or a podAntiAffinity with terms. The drain simulation places synthetic pods by the same rule.
 */
export function spreadsReplicas(workload: Workload, zoneKeys: readonly string[]): boolean {
  return workload.facts.spreadTopologyKeys.some((key) => zoneKeys.includes(key)) || workload.facts.podAntiAffinity;
}
