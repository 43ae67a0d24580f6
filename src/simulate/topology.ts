// A synthetic cluster for manifests: N nodes of one node group over Z zones, and the pods of
// every workload placed on them — replicas of a workload with a zone spread or pod
// anti-affinity go round the zones, everything on the least-loaded node, as the default
// scheduler's spreading does. DaemonSet, Job and CronJob pods are left out: drains skip the
// first, and the others run to completion.
import type { ReadinessModel } from '../core/workload-model/readiness-model.js';
import { spreadsReplicas } from '../core/workload-model/zone-spread.js';
import type { DrainFacts } from '../knowledge/drain.js';
import type { Snapshot, SnapshotPdb } from './snapshot.js';

export interface TopologyOptions {
  nodes: number;
  zones: number;
  nodeGroup: string;
  podStartSeconds: number;
}

const PLACED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Pod']);

export function syntheticSnapshot(model: ReadinessModel, options: TopologyOptions, drain: DrainFacts): Snapshot {
  const zoneNames = Array.from({ length: options.zones }, (_, zone) => `zone-${String.fromCharCode(97 + (zone % 26))}${zone >= 26 ? Math.floor(zone / 26) : ''}`);
  const nodes = Array.from({ length: options.nodes }, (_, index) => ({ name: `${options.nodeGroup}-${index + 1}`, zone: zoneNames[index % options.zones], nodeGroup: options.nodeGroup }));
  const load = new Array<number>(nodes.length).fill(0);
  const pods: Snapshot['pods'] = [];
  const leastLoaded = (candidates: number[]) => candidates.reduce((best, index) => (load[index] < load[best] ? index : best), candidates[0]);
  let zoneOffset = 0;
  for (const workload of model.workloads) {
    if (!PLACED_KINDS.has(workload.kind)) continue;
    const replicas = workload.kind === 'Pod' ? 1 : (model.replicasOf(workload) ?? 1);
    const spread = spreadsReplicas(workload, drain.zoneTopologyKeys);
    const used = new Set<number>();
    for (let replica = 0; replica < replicas; replica++) {
      const zone = zoneNames[(zoneOffset + replica) % options.zones];
      let candidates = nodes.map((_, index) => index).filter((index) => !spread || nodes[index].zone === zone);
      const fresh = candidates.filter((index) => !used.has(index));
      if (fresh.length > 0) candidates = fresh;
      const node = leastLoaded(candidates);
      used.add(node);
      load[node]++;
      const pod: Snapshot['pods'][number] = {
        namespace: workload.scope,
        name: workload.kind === 'Pod' ? workload.name : `${workload.name}-${replica}`,
        nodeName: nodes[node].name,
        labels: workload.podLabels,
        startupSeconds: options.podStartSeconds + workload.facts.readinessDelaySeconds,
        terminationGracePeriodSeconds: workload.facts.terminationGracePeriodSeconds ?? drain.defaultTerminationGracePeriodSeconds,
      };
      if (workload.controlled) Object.assign(pod, { ownerKind: workload.kind, ownerName: workload.name });
      pods.push(pod);
    }
    zoneOffset++;
  }
  const pdbs: SnapshotPdb[] = model.budgets.map((budget) => {
    const pdb: SnapshotPdb = { namespace: budget.scope, name: budget.name };
    // policy/v1beta1 with selector {} selects nothing: leave the selector out.
    const emptyLegacy = budget.legacy && budget.selector && Object.keys(budget.selector.matchLabels).length === 0 && budget.selector.matchExpressions.length === 0;
    if (budget.selector && !emptyLegacy) pdb.selector = { matchLabels: budget.selector.matchLabels, matchExpressions: budget.selector.matchExpressions.map((expression) => ({ ...expression, values: [...expression.values] })) };
    if (budget.minAvailable !== undefined) pdb.minAvailable = budget.minAvailable;
    if (budget.maxUnavailable !== undefined) pdb.maxUnavailable = budget.maxUnavailable;
    return pdb;
  });
  return { nodes, pods, pdbs };
}
