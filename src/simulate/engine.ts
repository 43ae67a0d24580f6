// The discrete-event model of one EKS managed node-group update: surge (default strategy),
// then waves of at most maxUnavailable nodes, each cordoned and drained through the eviction
// API (refused evictions retried while a PDB forbids them), a wait after the drain, then
// termination and a replacement node. Fails with PodEvictionFailure when a node's pods have
// not left within the eviction timeout, unless forced.
import FlatQueue from 'flatqueue';
import { desiredHealthy } from '../core/disruption-budget.js';
import type { Blocker, NodeGroupResult, NodeSpan, PodEvent, SimulationTrace } from './result.js';
import { resolveMaxUnavailable, type SimulationSettings } from './settings.js';
import type { PreparedCluster } from './cluster.js';

const EVENT_TYPES = ['wave', 'evict', 'gone', 'ready', 'deadline', 'terminate', 'join'] as const;
type EventType = (typeof EVENT_TYPES)[number];
/** Events are queued as numbers (type × 2^26 + target): millions of small objects cost more in GC than the model itself. */
const TARGET_SPAN = 2 ** 26;

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
  /** Time of the eviction attempt already queued, so that wake-ups do not pile up. */
  retryAt: number;
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
  /** Pods whose eviction this budget refused, woken when one of its pods becomes ready. */
  waiters: number[];
}

interface WorkloadState {
  label: string;
  pods: number;
  healthy: number;
  peak: number;
}

export function simulateNodeGroup(cluster: PreparedCluster, group: string, settings: SimulationSettings, trace?: SimulationTrace): NodeGroupResult {
  const { snapshot } = cluster;
  const nodes: NodeState[] = snapshot.nodes.map((node) => ({ name: node.name, zone: node.zone, old: node.nodeGroup === group, schedulable: node.nodeGroup !== group, pods: [], remaining: 0 }));
  const groupNodes = nodes.map((node, index) => (node.old ? index : -1)).filter((index) => index >= 0);
  const zones = [...new Set(groupNodes.map((index) => nodes[index].zone))];
  const maxNodes = resolveMaxUnavailable(settings.maxUnavailable, groupNodes.length, settings.maxUnavailableQuota);

  const pdbs: PdbState[] = snapshot.pdbs.map((pdb, index) => ({
    label: `${pdb.namespace}/${pdb.name}`,
    // The disruption controller's expected count is the pods the budget selects when all are healthy.
    desired: desiredHealthy(pdb, cluster.pdbPods[index]) ?? cluster.pdbPods[index],
    healthy: cluster.pdbPods[index],
    waiters: [],
  }));
  const workloads: WorkloadState[] = cluster.workloadLabels.map((label, index) => ({ label, pods: cluster.workloadPods[index], healthy: cluster.workloadPods[index], peak: 0 }));
  // Only pods on this group's nodes ever move; the others count towards their budgets as they are.
  const pods: PodState[] = [];
  for (const node of groupNodes) {
    for (const origin of cluster.nodePods[node]) {
      const pod = snapshot.pods[origin];
      nodes[node].pods.push(pods.length);
      pods.push({
        label: `${pod.namespace}/${pod.name}`,
        workload: cluster.podWorkload[origin],
        pdbs: cluster.podPdbs[origin],
        node,
        grace: pod.terminationGracePeriodSeconds ?? 30,
        startup: pod.startupSeconds ?? settings.podStartSeconds,
        healthy: true,
        phase: 'running',
        daemon: cluster.podDaemon[origin] === 1,
        retryAt: -1,
      });
    }
  }
  if (trace) {
    trace.podPdbs = pods.map((pod) => pod.pdbs);
    trace.pdbDesired = pdbs.map((pdb) => pdb.desired);
    trace.pdbInitialHealthy = pdbs.map((pdb) => pdb.healthy);
    trace.initialPods = pods.length;
    trace.events = [];
  }

  const queue = new FlatQueue<number>();
  let sequence = 0;
  // Equal times pop in the order they were pushed: the model is deterministic.
  const at = (time: number, type: EventType, target: number) => queue.push(EVENT_TYPES.indexOf(type) * TARGET_SPAN + target, time * 2 ** 30 + sequence++);
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
  /**
   * A refused eviction is retried every evictionRetrySeconds. Only a pod of the refusing budget
   * turning ready can change the answer, so instead of polling, the pod waits on the budget and
   * is retried at the first retry time after that — the same times polling gives.
   */
  const wake = (budget: PdbState) => {
    for (const index of budget.waiters) {
      const pod = pods[index];
      if (pod.phase !== 'running' || !pod.blocker) continue;
      const first = pod.blocker.firstRefusedAtSeconds!;
      const retry = first + Math.max(1, Math.ceil((now - first) / settings.evictionRetrySeconds)) * settings.evictionRetrySeconds;
      if (pod.retryAt >= retry) continue;
      pod.retryAt = retry;
      at(retry, 'evict', index);
    }
    budget.waiters = [];
  };
  const record = (pod: number, type: PodEvent['type']) => trace?.events.push({ at: now, pod, type });
  const setHealthy = (pod: PodState, healthy: boolean) => {
    pod.healthy = healthy;
    const delta = healthy ? 1 : -1;
    for (const pdb of pod.pdbs) {
      pdbs[pdb].healthy += delta;
      if (healthy && pdbs[pdb].waiters.length > 0) wake(pdbs[pdb]);
    }
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
      const replacement = pods.push({
        label: pod.label,
        workload: pod.workload,
        pdbs: pod.pdbs,
        node: pod.node,
        grace: pod.grace,
        startup: pod.startup,
        healthy: false,
        phase: 'running',
        daemon: false,
        retryAt: -1,
      }) - 1;
      if (trace) trace.podPdbs.push(pod.pdbs);
      place(replacement);
    } else {
      blockers.push({ pod: pod.label, pdb: null, node: nodes[pod.node].name, atSeconds: now, outcome: 'NotRecreated', reason: 'a pod without a controller is evicted and nothing recreates it' });
    }
  };
  /** The budget that refuses the pod's eviction: -1 none, -2 several budgets (the eviction API answers 500). */
  const refusingBudget = (pod: PodState): number => {
    if (pod.pdbs.length > 1) return -2;
    for (const pdb of pod.pdbs) {
      const budget = pdbs[pdb];
      if (budget.healthy - (pod.healthy ? 1 : 0) < budget.desired) return pdb;
    }
    return -1;
  };
  const refusalReason = (pod: PodState, pdb: number) =>
    pdb === -2 ? `selected by ${pod.pdbs.length} PDBs: the eviction API answers 500` : `PDB ${pdbs[pdb].label} needs ${pdbs[pdb].desired} healthy pods and has ${pdbs[pdb].healthy}`;
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
    const code = queue.pop()!;
    const event = { type: EVENT_TYPES[Math.floor(code / TARGET_SPAN)], target: code % TARGET_SPAN };
    switch (event.type) {
      case 'wave':
        if (waiting.length > 0) startWave();
        else done = true;
        break;
      case 'evict': {
        const pod = pods[event.target];
        if (pod.phase !== 'running') break;
        const refused = refusingBudget(pod);
        if (refused === -1) {
          if (pod.blocker) Object.assign(pod.blocker, { outcome: 'Delayed', waitedSeconds: now - pod.blocker.firstRefusedAtSeconds! });
          evict(event.target, false);
        } else {
          if (!pod.blocker) {
            pod.blocker = { pod: pod.label, pdb: pod.pdbs.map((pdb) => pdbs[pdb].label).join(', '), node: nodes[pod.node].name, atSeconds: now, outcome: 'Delayed', firstRefusedAtSeconds: now, reason: refusalReason(pod, refused) };
            blockers.push(pod.blocker);
          }
          // Pods under several budgets are refused whatever happens: they wait for the deadline.
          if (refused >= 0) pdbs[refused].waiters.push(event.target);
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
        schedulable.push(event.target);
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
