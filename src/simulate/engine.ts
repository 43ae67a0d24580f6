// The discrete-event model of one EKS managed node-group update: surge (default strategy),
// then waves of at most maxUnavailable nodes, each cordoned and drained through the eviction
// API (refused evictions retried while a PDB forbids them), a wait after the drain, then
// termination and a replacement node. Fails with PodEvictionFailure when a node's pods have
// not left within the eviction timeout, unless forced.
import FlatQueue from 'flatqueue';
import { desiredHealthy } from '../core/disruption-budget.js';
import { matchesLabels, type LabelSelector } from '../checks/workload-readiness/label-selector.js';
import type { Blocker, NodeGroupResult, NodeSpan, PodEvent, SimulationTrace } from './result.js';
import { resolveMaxUnavailable, type SimulationSettings } from './settings.js';
import type { Snapshot } from './snapshot.js';

type EventType = 'wave' | 'evict' | 'gone' | 'ready' | 'deadline' | 'terminate' | 'join';

interface SimEvent {
  type: EventType;
  target: number;
}

interface PodState {
  label: string;
  workload: number;
  pdbs: number[];
  node: number;
  grace: number;
  startup: number;
  healthy: boolean;
  phase: 'running' | 'evicting' | 'gone';
  daemon: boolean;
  blocker?: Blocker;
}

interface NodeState {
  name: string;
  zone: string;
  old: boolean;
  schedulable: boolean;
  pods: number[];
  /** Pods that must leave before the node counts as drained. */
  remaining: number;
  span?: NodeSpan;
}

interface PdbState {
  label: string;
  desired: number;
  healthy: number;
}

interface WorkloadState {
  label: string;
  pods: number;
  healthy: number;
  peak: number;
}

/** Pods of DaemonSets stay until their node goes: drains skip them. */
const DAEMON_KIND = 'DaemonSet';

export function simulateNodeGroup(snapshot: Snapshot, group: string, settings: SimulationSettings, trace?: SimulationTrace): NodeGroupResult {
  const nodes: NodeState[] = snapshot.nodes.map((node) => ({ name: node.name, zone: node.zone, old: node.nodeGroup === group, schedulable: node.nodeGroup !== group, pods: [], remaining: 0 }));
  const nodeIndex = new Map(nodes.map((node, index) => [node.name, index]));
  const groupNodes = nodes.map((node, index) => (node.old ? index : -1)).filter((index) => index >= 0);
  const zones = [...new Set(groupNodes.map((index) => nodes[index].zone))];
  const maxNodes = resolveMaxUnavailable(settings.maxUnavailable, groupNodes.length, settings.maxUnavailableQuota);

  const workloads: WorkloadState[] = [];
  const workloadIndex = new Map<string, number>();
  const pdbs: PdbState[] = [];
  const pods: PodState[] = [];
  const selectorsByNamespace = new Map<string, { index: number; selector: LabelSelector }[]>();
  snapshot.pdbs.forEach((pdb, index) => {
    pdbs.push({ label: `${pdb.namespace}/${pdb.name}`, desired: 0, healthy: 0 });
    if (!pdb.selector) return;
    const list = selectorsByNamespace.get(pdb.namespace) ?? [];
    list.push({ index, selector: { matchLabels: pdb.selector.matchLabels ?? {}, matchExpressions: (pdb.selector.matchExpressions ?? []).map((e) => ({ ...e, values: e.values ?? [] })) } });
    selectorsByNamespace.set(pdb.namespace, list);
  });
  const pdbCache = new Map<string, number[]>();
  for (const pod of snapshot.pods) {
    const labels = pod.labels ?? {};
    const cacheKey = `${pod.namespace}\u0000${JSON.stringify(labels)}`;
    let selected = pdbCache.get(cacheKey);
    if (!selected) {
      selected = (selectorsByNamespace.get(pod.namespace) ?? []).filter((entry) => matchesLabels(entry.selector, labels)).map((entry) => entry.index);
      pdbCache.set(cacheKey, selected);
    }
    let workload = -1;
    if (pod.ownerKind && pod.ownerKind !== 'Pod' && pod.ownerName) {
      const key = `${pod.namespace}/${pod.ownerKind}/${pod.ownerName}`;
      workload = workloadIndex.get(key) ?? -1;
      if (workload < 0) {
        workload = workloads.push({ label: `${pod.ownerKind} ${pod.namespace}/${pod.ownerName}`, pods: 0, healthy: 0, peak: 0 }) - 1;
        workloadIndex.set(key, workload);
      }
      workloads[workload].pods++;
      workloads[workload].healthy++;
    }
    for (const pdb of selected) pdbs[pdb].healthy++;
    const node = nodeIndex.get(pod.nodeName)!;
    const index = pods.push({
      label: `${pod.namespace}/${pod.name}`,
      workload,
      pdbs: selected,
      node,
      grace: pod.terminationGracePeriodSeconds ?? 30,
      startup: pod.startupSeconds ?? settings.podStartSeconds,
      healthy: true,
      phase: 'running',
      daemon: pod.ownerKind === DAEMON_KIND,
    }) - 1;
    nodes[node].pods.push(index);
  }
  // The disruption controller's expected count is the pods the budget selects when all are healthy.
  for (const pdb of snapshot.pdbs.keys()) {
    pdbs[pdb].desired = desiredHealthy(snapshot.pdbs[pdb], pdbs[pdb].healthy) ?? pdbs[pdb].healthy;
  }
  if (trace) {
    trace.podPdbs = pods.map((pod) => pod.pdbs);
    trace.pdbDesired = pdbs.map((pdb) => pdb.desired);
    trace.pdbInitialHealthy = pdbs.map((pdb) => pdb.healthy);
    trace.events = [];
  }

  const queue = new FlatQueue<SimEvent>();
  let sequence = 0;
  // Equal times pop in the order they were pushed: the model is deterministic.
  const at = (time: number, type: EventType, target: number) => queue.push({ type, target }, time * 2 ** 30 + sequence++);
  const blockers: Blocker[] = [];
  const timeline: NodeSpan[] = [];
  const waiting = [...groupNodes].sort((a, b) => nodes[a].name.localeCompare(nodes[b].name));
  const pending: number[] = [];
  let schedulable: number[] = [];
  let cursor = 0;
  let active = 0;
  let waves = 0;
  let now = 0;
  let failed = false;
  let done = false;
  let finishedAt = 0;
  let cordonedAt = 0;

  const refreshSchedulable = () => {
    schedulable = nodes.map((node, index) => (node.schedulable ? index : -1)).filter((index) => index >= 0);
  };
  const record = (pod: number, type: PodEvent['type']) => trace?.events.push({ at: now, pod, type });
  const setHealthy = (pod: PodState, healthy: boolean) => {
    pod.healthy = healthy;
    const delta = healthy ? 1 : -1;
    for (const pdb of pod.pdbs) pdbs[pdb].healthy += delta;
    if (pod.workload >= 0) {
      const workload = workloads[pod.workload];
      workload.healthy += delta;
      workload.peak = Math.max(workload.peak, workload.pods - workload.healthy);
    }
  };
  const place = (pod: number) => {
    if (schedulable.length === 0) {
      pending.push(pod);
      return;
    }
    const node = schedulable[cursor++ % schedulable.length];
    pods[pod].node = node;
    nodes[node].pods.push(pod);
    at(now + pods[pod].startup, 'ready', pod);
  };
  const evict = (index: number, forced: boolean) => {
    const pod = pods[index];
    pod.phase = 'evicting';
    if (pod.healthy) setHealthy(pod, false);
    record(index, forced ? 'forced' : 'evicted');
    at(forced ? now : now + pod.grace, 'gone', index);
    if (pod.workload >= 0) {
      const replacement = pods.push({ ...pod, label: `${pod.label} (replacement)`, healthy: false, phase: 'running', blocker: undefined }) - 1;
      if (trace) trace.podPdbs.push(pod.pdbs);
      place(replacement);
    } else {
      blockers.push({ pod: pod.label, pdb: null, node: nodes[pod.node].name, atSeconds: now, outcome: 'NotRecreated', reason: 'a pod without a controller is evicted and nothing recreates it' });
    }
  };
  const refusal = (pod: PodState): string | undefined => {
    if (pod.pdbs.length > 1) return `selected by ${pod.pdbs.length} PDBs: the eviction API answers 500`;
    for (const pdb of pod.pdbs) {
      const budget = pdbs[pdb];
      if (budget.healthy - (pod.healthy ? 1 : 0) < budget.desired) return `PDB ${budget.label} needs ${budget.desired} healthy pods and has ${budget.healthy}`;
    }
    return undefined;
  };
  const startWave = () => {
    waves++;
    for (let started = 0; started < maxNodes && waiting.length > 0; started++) {
      const index = waiting.shift()!;
      const node = nodes[index];
      if (node.schedulable) {
        node.schedulable = false;
        refreshSchedulable();
      }
      node.span = { node: node.name, zone: node.zone, cordonAt: settings.strategy === 'default' ? cordonedAt : now, drainStartAt: now, drainedAt: null, terminatedAt: null };
      timeline.push(node.span);
      active++;
      const leaving = node.pods.filter((pod) => !pods[pod].daemon && pods[pod].phase !== 'gone' && pods[pod].node === index);
      node.remaining = leaving.length;
      at(now + settings.evictionTimeoutSeconds, 'deadline', index);
      if (leaving.length === 0) drained(index);
      for (const pod of leaving) if (pods[pod].phase === 'running') at(now, 'evict', pod);
    }
  };
  const drained = (index: number) => {
    nodes[index].span!.drainedAt = now;
    at(now + settings.postDrainWaitSeconds, 'terminate', index);
  };
  const addNode = (zone: string) => {
    const index = nodes.push({ name: `${group}-new-${nodes.length - snapshot.nodes.length + 1}`, zone, old: false, schedulable: false, pods: [], remaining: 0 }) - 1;
    at(now + settings.nodeLaunchSeconds, 'join', index);
  };

  if (settings.strategy === 'default') {
    const surge = Math.max(settings.surgeNodesPerZone * zones.length, maxNodes);
    for (let added = 0; added < surge; added++) addNode(zones[added % zones.length] ?? 'unknown');
    cordonedAt = settings.nodeLaunchSeconds;
    // EKS waits for the surge nodes to be Ready, then marks every old node unschedulable.
    for (const index of groupNodes) nodes[index].schedulable = false;
    at(settings.nodeLaunchSeconds, 'wave', 0);
  } else {
    for (const index of groupNodes) nodes[index].schedulable = true;
    at(0, 'wave', 0);
  }
  refreshSchedulable();

  while (queue.length > 0 && !done) {
    now = Math.floor(queue.peekValue()! / 2 ** 30);
    const event = queue.pop()!;
    switch (event.type) {
      case 'wave':
        if (waiting.length > 0) startWave();
        else done = true;
        break;
      case 'evict': {
        const pod = pods[event.target];
        if (pod.phase !== 'running') break;
        const refused = refusal(pod);
        if (refused === undefined) {
          if (pod.blocker) Object.assign(pod.blocker, { outcome: 'Delayed', waitedSeconds: now - pod.blocker.firstRefusedAtSeconds! });
          evict(event.target, false);
        } else {
          if (!pod.blocker) {
            pod.blocker = { pod: pod.label, pdb: pod.pdbs.map((pdb) => pdbs[pdb].label).join(', '), node: nodes[pod.node].name, atSeconds: now, outcome: 'Delayed', firstRefusedAtSeconds: now, reason: refused };
            blockers.push(pod.blocker);
          }
          at(now + settings.evictionRetrySeconds, 'evict', event.target);
        }
        break;
      }
      case 'gone': {
        const pod = pods[event.target];
        if (pod.phase === 'gone') break;
        pod.phase = 'gone';
        record(event.target, 'gone');
        const node = nodes[pod.node];
        if (node.span && node.span.drainedAt === null && --node.remaining === 0) drained(pod.node);
        break;
      }
      case 'ready': {
        const pod = pods[event.target];
        if (pod.phase !== 'running' || pod.healthy) break;
        setHealthy(pod, true);
        record(event.target, 'ready');
        break;
      }
      case 'deadline': {
        const node = nodes[event.target];
        if (node.span!.drainedAt !== null) break;
        const stuck = node.pods.filter((pod) => !pods[pod].daemon && pods[pod].phase !== 'gone' && pods[pod].node === event.target);
        for (const index of stuck) {
          const pod = pods[index];
          const reason = pod.phase === 'evicting' ? `terminationGracePeriodSeconds ${pod.grace} is longer than the ${settings.evictionTimeoutSeconds} s eviction window` : (pod.blocker?.reason ?? 'eviction refused');
          const blocker = pod.blocker ?? blockers[blockers.push({ pod: pod.label, pdb: null, node: node.name, atSeconds: now, outcome: 'Delayed', reason }) - 1];
          Object.assign(blocker, { atSeconds: now, outcome: settings.force ? 'Forced' : 'PodEvictionFailure', reason });
          delete blocker.waitedSeconds;
          if (!settings.force) continue;
          if (pod.phase === 'running') evict(index, true);
          else at(now, 'gone', index);
        }
        if (!settings.force) {
          failed = true;
          done = true;
          finishedAt = now;
        }
        break;
      }
      case 'terminate': {
        const node = nodes[event.target];
        node.span!.terminatedAt = now;
        // The Auto Scaling group replaces the terminated instance with one on the new launch template.
        addNode(node.zone);
        if (--active === 0) {
          if (waiting.length > 0) startWave();
          else {
            done = true;
            finishedAt = now;
          }
        }
        break;
      }
      case 'join':
        nodes[event.target].schedulable = true;
        refreshSchedulable();
        for (const pod of pending.splice(0)) place(pod);
        break;
    }
  }

  return {
    name: group,
    nodes: groupNodes.length,
    zones: zones.length,
    maxUnavailable: settings.maxUnavailable,
    maxUnavailableNodes: maxNodes,
    strategy: settings.strategy,
    durationSeconds: finishedAt,
    waves,
    failed,
    blockers: blockers.sort((a, b) => a.atSeconds - b.atSeconds || a.pod.localeCompare(b.pod)),
    peakUnavailable: workloads
      .filter((workload) => workload.peak > 0)
      .map((workload) => ({ workload: workload.label, pods: workload.pods, peakUnavailable: workload.peak }))
      .sort((a, b) => b.peakUnavailable - a.peakUnavailable || a.workload.localeCompare(b.workload)),
    timeline,
  };
}
