// The constants of the node-group update model: each one a flag whose default is the EKS
// behaviour recorded in data/drain.yaml.
import { UsageError } from '../core/errors.js';
import type { DrainFacts } from '../knowledge/drain.js';

export type UpdateStrategy = 'default' | 'minimal';

export interface SimulationSettings {
  /** updateConfig: a node count ("1") or a percentage of the group ("10%"). */
  maxUnavailable: string;
  strategy: UpdateStrategy;
  /** Delete pods a PDB protects once the eviction timeout passes, instead of failing. */
  force: boolean;
  nodeLaunchSeconds: number;
  evictionTimeoutSeconds: number;
  evictionRetrySeconds: number;
  postDrainWaitSeconds: number;
  /** Start-to-ready time of a pod that states none. */
  podStartSeconds: number;
  surgeNodesPerZone: number;
  maxUnavailableQuota: number;
}

export function defaultSettings(drain: DrainFacts): SimulationSettings {
  return {
    maxUnavailable: String(drain.defaultMaxUnavailable),
    strategy: 'default',
    force: false,
    nodeLaunchSeconds: drain.nodeLaunchSeconds,
    evictionTimeoutSeconds: drain.evictionTimeoutSeconds,
    evictionRetrySeconds: drain.evictionRetrySeconds,
    postDrainWaitSeconds: drain.postDrainWaitSeconds,
    podStartSeconds: drain.podStartSeconds,
    surgeNodesPerZone: drain.surgeNodesPerZone,
    maxUnavailableQuota: drain.maxUnavailableQuota,
  };
}

/** "1" or "10%", checked; `flag` names the input in the message. */
export function parseMaxUnavailable(value: string, flag: string): string {
  const text = value.trim();
  const match = /^(\d+)(%?)$/.exec(text);
  if (!match || Number(match[1]) === 0 || (match[2] && Number(match[1]) > 100)) {
    throw new UsageError(`${flag} "${value}" should be a node count of at least 1 (e.g. 1) or a percentage from 1% to 100% (e.g. 10%)`);
  }
  return text;
}

/** How many nodes of a group of `nodes` may be updated at once. EKS does not document its rounding: a percentage is rounded down here, to at least one node. */
export function resolveMaxUnavailable(value: string, nodes: number, quota: number): number {
  const count = value.endsWith('%') ? Math.floor((Number(value.slice(0, -1)) * nodes) / 100) : Number(value);
  return Math.max(1, Math.min(count, quota));
}

export function parseSeconds(value: string, flag: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(seconds)) throw new UsageError(`${flag} "${value}" should be a number of seconds, e.g. 180`);
  return seconds;
}
