// How long each kind of step takes, as planning estimates. Every figure is an estimate an
// operator can check against their own runs; `upshift simulate` replaces the node-group one.
import type { NodeGroupFact } from '../core/inventory.js';

/** One control-plane minor update (the EKS update API, one minor at a time). */
export const CONTROL_PLANE_MINUTES = 10;
/** One wave of a managed node-group update: launch, join, cordon, drain, terminate
 * (docs.aws.amazon.com/eks/latest/userguide/managed-node-update-behavior.html). */
export const NODE_WAVE_MINUTES = 8;
/** The EKS default updateConfig: one node at a time (same page). */
export const DEFAULT_MAX_UNAVAILABLE = 1;
/** A starting point for larger groups, from the EKS upgrade playbook eksup generates. */
export const RECOMMENDED_MAX_UNAVAILABLE_PERCENT = 30;
/** Node count assumed for a node group whose size was not found. */
export const ASSUMED_NODES = 3;
export const PRECHECK_MINUTES = 20;
export const VERIFY_MINUTES = 30;
/** Rewriting and applying one object on a replacement API. */
export const API_MIGRATION_MINUTES_PER_OBJECT = 10;
export const ADDON_UPGRADE_MINUTES = 15;
/** Switching one application's nodeSelector/nodeAffinity and watching its rollout. */
export const WORKLOAD_MOVE_MINUTES_PER_APP = 10;
/** Creating an EKS cluster and its node groups from infrastructure code. */
export const CLUSTER_CREATE_MINUTES = 30;
/** Restoring workloads (Argo CD sync or Velero restore) and checking they are healthy. */
export const RESTORE_MINUTES = 90;
/** Traffic weights a migration walks through, with a watch period at each. */
export const TRAFFIC_WEIGHTS: readonly number[] = [10, 25, 50, 100];
export const TRAFFIC_WATCH_MINUTES = 30;
export const CLEANUP_MINUTES = 30;

/** The updateConfig upshift recommends for a node group of this size. */
export function recommendedMaxUnavailable(nodes: number): string {
  return nodes <= 3 ? String(DEFAULT_MAX_UNAVAILABLE) : `${RECOMMENDED_MAX_UNAVAILABLE_PERCENT}%`;
}

export function nodesOf(group: NodeGroupFact): number {
  return group.desiredSize ?? ASSUMED_NODES;
}

/** Nodes replaced at once under an updateConfig ("1" or "30%"), at least one. */
export function nodesPerWave(maxUnavailable: string, nodes: number): number {
  const percent = /^(\d+)%$/.exec(maxUnavailable);
  const count = percent ? Math.floor((nodes * Number(percent[1])) / 100) : Number(maxUnavailable);
  return Math.max(1, Number.isFinite(count) ? count : DEFAULT_MAX_UNAVAILABLE);
}

/** Predicted minutes to roll a node group under an updateConfig. */
export function rollMinutes(nodes: number, maxUnavailable: string): number {
  return Math.ceil(Math.max(nodes, 1) / nodesPerWave(maxUnavailable, nodes)) * NODE_WAVE_MINUTES;
}

/** "2 h 30 min", "45 min", "3 d 4 h". */
export function formatMinutes(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

