// What a simulation reports per node group (the `upshift simulate -o json` shape of CLI.md).
import type { UpdateStrategy } from './settings.js';

export type BlockerOutcome = 'PodEvictionFailure' | 'Delayed' | 'Forced' | 'NotRecreated';

export interface Blocker {
  /** namespace/name */
  pod: string;
  /** namespace/name of the PDB(s) that refused the eviction; null when the pod's termination outlasted the window. */
  pdb: string | null;
  node: string;
  /** When it bites: the failure or forced deletion, or the first refused eviction of a delay. */
  atSeconds: number;
  outcome: BlockerOutcome;
  firstRefusedAtSeconds?: number;
  waitedSeconds?: number;
  reason: string;
}

export interface NodeSpan {
  node: string;
  zone: string;
  cordonAt: number;
  drainStartAt: number;
  drainedAt: number | null;
  terminatedAt: number | null;
}

export interface WorkloadPeak {
  workload: string;
  pods: number;
  peakUnavailable: number;
}

export interface PodEvent {
  at: number;
  pod: number;
  type: 'evicted' | 'forced' | 'ready' | 'gone';
}

export interface NodeGroupResult {
  name: string;
  nodes: number;
  zones: number;
  maxUnavailable: string;
  /** maxUnavailable resolved to a node count for this group. */
  maxUnavailableNodes: number;
  strategy: UpdateStrategy;
  durationSeconds: number;
  waves: number;
  failed: boolean;
  blockers: Blocker[];
  peakUnavailable: WorkloadPeak[];
  timeline: NodeSpan[];
}

/** Pod-level events and pod→PDB membership, for invariant checks (library only). */
export interface SimulationTrace {
  events: PodEvent[];
  podPdbs: number[][];
  pdbDesired: number[];
  pdbInitialHealthy: number[];
  /** Pods of the group at the start; higher indices are replacements. */
  initialPods: number;
}
