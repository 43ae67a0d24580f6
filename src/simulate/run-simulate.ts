// `upshift simulate` as a library call: build the cluster (a snapshot file, or a synthetic
// topology for manifests), run the update model on each node group, and the what-if runs.
import { newestKnownVersion } from '../knowledge/calendar.js';
import { UsageError } from '../core/errors.js';
import { readinessModel } from '../core/workload-model/readiness-model.js';
import type { Inventory } from '../core/inventory.js';
import type { Finding } from '../core/types.js';
import { loadKnowledge, type Knowledge } from '../knowledge/load.js';
import { runCheck } from '../run-check.js';
import { prepareCluster } from './cluster.js';
import { simulateNodeGroup } from './engine.js';
import type { NodeGroupResult, SimulationTrace } from './result.js';
import { defaultSettings, type SimulationSettings } from './settings.js';
import { loadSnapshot, type Snapshot } from './snapshot.js';
import { syntheticSnapshot } from './topology.js';
import { originEnvironment } from '../core/origin-environment.js';

export interface SimulateOptions {
  /** Manifests to build a synthetic cluster from (with nodes/zones/nodeGroup). */
  paths?: readonly string[];
  snapshotFile?: string;
  /** An already-built snapshot (tests, the live-cluster source). */
  snapshot?: Snapshot;
  nodes?: number;
  zones?: number;
  /** The synthetic group's name, or the one group of a snapshot to simulate. */
  nodeGroup?: string;
  /** The environment (overlay, chart values file, Terraform environment) whose manifests to place, when they describe several. */
  environment?: string;
  settings?: Partial<SimulationSettings>;
  /** maxUnavailable values to compare ("1", "10%"). */
  whatIf?: readonly string[];
  knowledge?: Knowledge;
  cwd?: string;
}

export interface WhatIfResult {
  nodeGroup: string;
  maxUnavailable: string;
  durationSeconds: number;
  failed: boolean;
  /** When it fails: how long it would take with --force. */
  durationWithForceSeconds?: number;
}

export interface ForcedRun {
  nodeGroup: string;
  durationSeconds: number;
  forcedPods: number;
}

export interface SimulationReport {
  nodeGroups: NodeGroupResult[];
  /** For each group that fails: the same update with --force (PDBs overridden at the timeout). */
  withForce: ForcedRun[];
  whatIf: WhatIfResult[];
  settings: SimulationSettings;
  /** Constants that are estimates, not published EKS behaviour. */
  estimates: string[];
  /** Manifests that could not be read (input-invalid): the model lacks whatever they hold. */
  inputProblems: Finding[];
}

export async function runSimulate(options: SimulateOptions): Promise<SimulationReport> {
  const knowledge = options.knowledge ?? loadKnowledge();
  const settings: SimulationSettings = { ...defaultSettings(knowledge.drain), ...options.settings };
  const inputProblems: Finding[] = [];
  const snapshot = options.snapshot ?? (options.snapshotFile ? loadSnapshot(options.snapshotFile) : await snapshotFromManifests(options, knowledge, settings, inputProblems));
  const groups = [...new Set(snapshot.nodes.map((node) => node.nodeGroup))].sort();
  const selected = options.nodeGroup && options.snapshotFile ? groups.filter((group) => group === options.nodeGroup) : groups;
  if (selected.length === 0) {
    throw new UsageError(options.nodeGroup ? `node group "${options.nodeGroup}" is not in the snapshot; it has ${groups.join(', ') || 'no nodes'}` : 'the snapshot has no nodes to update');
  }
  const cluster = prepareCluster(snapshot);
  const nodeGroups = selected.map((group) => simulateNodeGroup(cluster, group, settings));
  const withForce = nodeGroups
    .filter((result) => result.failed)
    .map((result) => {
      const forced = simulateNodeGroup(cluster, result.name, { ...settings, force: true });
      return { nodeGroup: result.name, durationSeconds: forced.durationSeconds, forcedPods: forced.blockers.filter((blocker) => blocker.outcome === 'Forced').length };
    });
  const whatIf = (options.whatIf ?? []).flatMap((maxUnavailable) =>
    selected.map((group) => {
      const result = simulateNodeGroup(cluster, group, { ...settings, maxUnavailable });
      const run: WhatIfResult = { nodeGroup: group, maxUnavailable, durationSeconds: result.durationSeconds, failed: result.failed };
      if (result.failed) run.durationWithForceSeconds = simulateNodeGroup(cluster, group, { ...settings, maxUnavailable, force: true }).durationSeconds;
      return run;
    }),
  );
  const drainRows = ['nodeLaunchSeconds', 'podStartSeconds'] as const;
  const estimates = drainRows.filter((key) => options.settings?.[key] === undefined).map((key) => `${key} ${settings[key]}`);
  return { nodeGroups, withForce, whatIf, settings, estimates, inputProblems };
}

/** One node group's run with a pod-level trace, for invariant checks. */
export function traceNodeGroup(snapshot: Snapshot, group: string, settings: SimulationSettings): { result: NodeGroupResult; trace: SimulationTrace } {
  const trace: SimulationTrace = { events: [], podPdbs: [], pdbDesired: [], pdbInitialHealthy: [], initialPods: 0 };
  return { result: simulateNodeGroup(prepareCluster(snapshot), group, settings, trace), trace };
}

async function snapshotFromManifests(options: SimulateOptions, knowledge: Knowledge, settings: SimulationSettings, inputProblems: Finding[]): Promise<Snapshot> {
  if (!options.paths?.length) throw new UsageError('nothing to simulate: give manifest PATHs with --nodes and --zones, or --snapshot FILE');
  let inventory: Inventory | undefined;
  // Every readiness check keeps the same kinds, so selecting one keeps the whole model; the
  // target version does not change the inventory, so the newest known one avoids a calendar look-up.
  const scanned = await runCheck({ paths: options.paths, knowledge, cwd: options.cwd, only: ['pdb-missing'], target: newestKnownVersion(knowledge, 'eks'), onInventory: (kept) => (inventory = kept) });
  inputProblems.push(...scanned.findings.filter((finding) => finding.id === 'input-invalid'));
  const model = readinessModel(oneEnvironment(inventory!, options.environment));
  // Empty nodes drain at once: a duration from them would look like an answer and be none.
  if (model.workloads.length === 0) {
    // The unreadable inputs may be where the workloads were: name them, or the user only sees "none".
    const unread = inputProblems.length > 0 ? ` (${inputProblems.map((problem) => problem.message).join('; ')})` : '';
    throw new UsageError(`nothing to simulate: no workloads (Deployments, StatefulSets, DaemonSets, Jobs, Pods...) in ${options.paths.join(', ')}${unread}; give the paths that hold them, or --snapshot FILE`);
  }
  return syntheticSnapshot(model, { nodes: options.nodes ?? 3, zones: options.zones ?? 3, nodeGroup: options.nodeGroup ?? 'general', podStartSeconds: settings.podStartSeconds }, knowledge.drain);
}

/**
 * The resources one synthetic node group can hold: the inputs of several environments describe
 * several clusters (the dev and production overlays of one base), whose pods and PDBs never meet.
 * Resources of no environment (plain manifests) belong to every one.
 */
function oneEnvironment(inventory: Inventory, environment: string | undefined): Inventory {
  const environments = [...new Set(inventory.resources.map((resource) => originEnvironment(resource.origin)).filter((env): env is string => env !== undefined))].sort();
  if (environment === undefined) {
    if (environments.length <= 1) return inventory;
    throw new UsageError(`the manifests describe ${environments.length} environments (${environments.join(', ')}), each its own cluster: simulate one with --env NAME`);
  }
  if (!environments.includes(environment)) {
    throw new UsageError(`--env ${environment}: the manifests describe ${environments.length === 0 ? 'no environment (no Kustomize overlay, chart values file or Terraform environment)' : `only ${environments.join(', ')}`}`);
  }
  return { ...inventory, resources: inventory.resources.filter((resource) => [undefined, environment].includes(originEnvironment(resource.origin))) };
}
