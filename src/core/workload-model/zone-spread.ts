// Whether a workload's pods are kept apart by the scheduler: the zone-spread check and the drain
// simulation's placement of synthetic pods both follow this rule.
import { isRecord } from '../fields.js';
import type { Workload } from './workloads.js';

/**
 * Whether the scheduler is told to keep the workload's pods apart: a zone topologySpreadConstraint
 * or a podAntiAffinity with terms. The drain simulation places synthetic pods by the same rule.
 */
export function spreadsReplicas(workload: Workload, zoneKeys: readonly string[]): boolean {
  return hasZoneSpread(workload, zoneKeys) || hasPodAntiAffinity(workload);
}

function hasZoneSpread(workload: Workload, zoneKeys: readonly string[]): boolean {
  const constraints = workload.podSpec.topologySpreadConstraints;
  return Array.isArray(constraints) && constraints.some((constraint) => isRecord(constraint) && zoneKeys.includes(String(constraint.topologyKey)));
}

function hasPodAntiAffinity(workload: Workload): boolean {
  const affinity = isRecord(workload.podSpec.affinity) ? workload.podSpec.affinity : {};
  return isRecord(affinity.podAntiAffinity) && Object.keys(affinity.podAntiAffinity).length > 0;
}
