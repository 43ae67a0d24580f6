// The discrete-event model of one EKS managed node-group update: surge (default strategy),
// then waves of at most maxUnavailable nodes, each cordoned and drained through the eviction
// API (refused evictions retried while a PDB forbids them), a wait after the drain, then
// termination and a replacement node. Fails with PodEvictionFailure when a node's pods have
// not left within the eviction timeout, unless forced.
//
// Every step costs O(log n) in the event queue plus the pods it touches: pods are kept in
// parallel arrays indexed by pod number (replacements appended), each PDB keeps a running count
// of healthy pods, and only the pods of the group's nodes are ever listed.
import type { Blocker, NodeGroupResult, NodeSpan, PodEvent, SimulationTrace } from './result.js';
import { resolveMaxUnavailable, type SimulationSettings } from './settings.js';
import type { PreparedCluster } from './cluster.js';
import { DEADLINE, EVICT, EventQueue, eventTarget, eventType, GONE, JOIN, READY, TERMINATE, WAVE } from './event-queue.js';

/** Pod phases. */
const RUNNING = 0;
const EVICTING = 1;
const LEFT = 2;

export function simulateNodeGroup(cluster: PreparedCluster, group: string, settings: SimulationSettings, trace?: SimulationTrace): NodeGroupResult {
  const { snapshot, podPdbs, podWorkload, podDaemon } = cluster;
  const snapshotNodes = snapshot.nodes.length;
  // Nodes: the snapshot's, then the ones the update launches.
  const nodeNames = snapshot.nodes.map((node) => node.name);
  const nodeZones = snapshot.nodes.map((node) => node.zone);
  const nodeSchedulable = snapshot.nodes.map((node) => node.nodeGroup !== group);
  const groupNodes: number[] = [];
  for (let index = 0; index < snapshotNodes; index++) if (snapshot.nodes[index].nodeGroup === group) groupNodes.push(index);
  // Only the group's nodes are drained, so only they list their pods.
  const nodePods: (number[] | undefined)[] = new Array(snapshotNodes);
  const nodeSpans: (NodeSpan | undefined)[] = new Array(snapshotNodes);
  const nodeRemaining = new Int32Array(snapshotNodes);
  const zones = [...new Set(groupNodes.map((index) => nodeZones[index]))];
  const maxNodes = resolveMaxUnavailable(settings.maxUnavailable, groupNodes.length, settings.maxUnavailableQuota);

  const pdbHealthy = Int32Array.from(cluster.pdbPods);
  /** Pods whose eviction a budget refused, woken when one of its pods becomes ready. */
  const pdbWaiters: number[][] = snapshot.pdbs.map(() => []);
  const workloadHealthy = Int32Array.from(cluster.workloadPods);
  const workloadPeak = new Int32Array(cluster.workloadPods.length);

  // Pods of this run: only pods on this group's nodes ever move; the others count towards their
  // budgets as they are. A replacement shares its origin (the snapshot pod) with the pod it replaces.
  const podOrigin: number[] = [];
  const podNode: number[] = [];
  const podPhase: number[] = [];
  const podHealthy: number[] = [];
  /** Time of the eviction attempt already queued, so that wake-ups do not pile up. */
  const podRetryAt: number[] = [];
  const podBlocker: (Blocker | undefined)[] = [];
  const addPod = (origin: number, node: number, healthy: number) => {
    podOrigin.push(origin);
    podNode.push(node);
    podPhase.push(RUNNING);
    podHealthy.push(healthy);
    podRetryAt.push(-1);
    return podBlocker.push(undefined) - 1;
  };
  for (const node of groupNodes) {
    const listed: number[] = [];
    for (let entry = cluster.nodePodStart[node]; entry < cluster.nodePodStart[node + 1]; entry++) listed.push(addPod(cluster.nodePodList[entry], node, 1));
    nodePods[node] = listed;
  }
  const podLabel = (pod: number) => `${snapshot.pods[podOrigin[pod]].namespace}/${snapshot.pods[podOrigin[pod]].name}`;
  const pdbLabel = (pdb: number) => cluster.pdbLabels[pdb];
  const graceOf = (pod: number) => cluster.podGraceSeconds[podOrigin[pod]];
  const startupOf = (pod: number) => {
    const seconds = cluster.podStartupSeconds[podOrigin[pod]];
    return Number.isNaN(seconds) ? settings.podStartSeconds : seconds;
  };
  if (trace) {
    trace.podPdbs = podOrigin.map((origin) => podPdbs[origin]);
    trace.pdbDesired = Array.from(cluster.pdbDesired);
    trace.pdbInitialHealthy = Array.from(cluster.pdbPods);
    trace.initialPods = podOrigin.length;
    trace.events = [];
  }

  const queue = new EventQueue();
  const blockers: Blocker[] = [];
  const timeline: NodeSpan[] = [];
  const waiting = [...groupNodes].sort((a, b) => compareNames(nodeNames[a], nodeNames[b]));
  let nextWaiting = 0;
  let pending: number[] = [];
  /** Schedulable nodes in index order: new nodes join in index order, so appending keeps it sorted. */
  const schedulable: number[] = [];
  let cursor = 0;
  let active = 0;
  let waves = 0;
  let now = 0;
  let failed = false;
  let done = false;
  let finishedAt = 0;
  let cordonedAt = 0;

  /**
   * A refused eviction is retried every evictionRetrySeconds. Only a pod of the refusing budget
   * turning ready can change the answer, so instead of polling, the pod waits on the budget and
   * is retried at the first retry time after that — the same times polling gives.
   */
  const wake = (pdb: number) => {
    const waiters = pdbWaiters[pdb];
    pdbWaiters[pdb] = [];
    for (const pod of waiters) {
      const blocker = podBlocker[pod];
      if (podPhase[pod] !== RUNNING || !blocker) continue;
      const first = blocker.firstRefusedAtSeconds!;
      const retry = first + Math.max(1, Math.ceil((now - first) / settings.evictionRetrySeconds)) * settings.evictionRetrySeconds;
      if (podRetryAt[pod] >= retry) continue;
      podRetryAt[pod] = retry;
      queue.push(retry, EVICT, pod);
    }
  };
  const record = (pod: number, type: PodEvent['type']) => trace?.events.push({ at: now, pod, type });
  const setHealthy = (pod: number, healthy: boolean) => {
    podHealthy[pod] = healthy ? 1 : 0;
    const delta = healthy ? 1 : -1;
    for (const pdb of podPdbs[podOrigin[pod]]) {
      pdbHealthy[pdb] += delta;
      if (healthy && pdbWaiters[pdb].length > 0) wake(pdb);
    }
    const workload = podWorkload[podOrigin[pod]];
    if (workload >= 0) {
      workloadHealthy[workload] += delta;
      workloadPeak[workload] = Math.max(workloadPeak[workload], cluster.workloadPods[workload] - workloadHealthy[workload]);
    }
  };
  const place = (pod: number) => {
    if (schedulable.length === 0) {
      pending.push(pod);
      return;
    }
    const node = schedulable[cursor++ % schedulable.length];
    podNode[pod] = node;
    nodePods[node]?.push(pod);
    queue.push(now + startupOf(pod), READY, pod);
  };
  const evict = (pod: number, forced: boolean) => {
    podPhase[pod] = EVICTING;
    if (podHealthy[pod]) setHealthy(pod, false);
    record(pod, forced ? 'forced' : 'evicted');
    queue.push(forced ? now : now + graceOf(pod), GONE, pod);
    const origin = podOrigin[pod];
    if (podWorkload[origin] >= 0) {
      // The replacement keeps the evicted pod's node until it is placed.
      const replacement = addPod(origin, podNode[pod], 0);
      if (trace) trace.podPdbs.push(podPdbs[origin]);
      place(replacement);
    } else {
      blockers.push({ pod: podLabel(pod), pdb: null, node: nodeNames[podNode[pod]], atSeconds: now, outcome: 'NotRecreated', reason: 'a pod without a controller is evicted and nothing recreates it' });
    }
  };
  /** The budget that refuses the pod's eviction: -1 none, -2 several budgets (the eviction API answers 500). */
  const refusingBudget = (pod: number): number => {
    const budgets = podPdbs[podOrigin[pod]];
    if (budgets.length > 1) return -2;
    for (const pdb of budgets) if (pdbHealthy[pdb] - podHealthy[pod] < cluster.pdbDesired[pdb]) return pdb;
    return -1;
  };
  const refusalReason = (pod: number, pdb: number) =>
    pdb === -2 ? `selected by ${podPdbs[podOrigin[pod]].length} PDBs: the eviction API answers 500` : `PDB ${pdbLabel(pdb)} needs ${cluster.pdbDesired[pdb]} healthy pods and has ${pdbHealthy[pdb]}`;
  /** The pods that must leave a node before it counts as drained. */
  const leavingPods = (node: number) => nodePods[node]!.filter((pod) => podDaemon[podOrigin[pod]] !== 1 && podPhase[pod] !== LEFT && podNode[pod] === node);
  const startWave = () => {
    waves++;
    for (let started = 0; started < maxNodes && nextWaiting < waiting.length; started++) {
      const node = waiting[nextWaiting++];
      if (nodeSchedulable[node]) {
        nodeSchedulable[node] = false;
        schedulable.splice(schedulable.indexOf(node), 1);
      }
      const span: NodeSpan = { node: nodeNames[node], zone: nodeZones[node], cordonAt: settings.strategy === 'default' ? cordonedAt : now, drainStartAt: now, drainedAt: null, terminatedAt: null };
      nodeSpans[node] = span;
      timeline.push(span);
      active++;
      const leaving = leavingPods(node);
      nodeRemaining[node] = leaving.length;
      queue.push(now + settings.evictionTimeoutSeconds, DEADLINE, node);
      if (leaving.length === 0) drained(node);
      for (const pod of leaving) if (podPhase[pod] === RUNNING) queue.push(now, EVICT, pod);
    }
  };
  const drained = (node: number) => {
    nodeSpans[node]!.drainedAt = now;
    queue.push(now + settings.postDrainWaitSeconds, TERMINATE, node);
  };
  const addNode = (zone: string) => {
    const node = nodeNames.push(`${group}-new-${nodeNames.length - snapshotNodes + 1}`) - 1;
    nodeZones.push(zone);
    nodeSchedulable.push(false);
    queue.push(now + settings.nodeLaunchSeconds, JOIN, node);
  };

  if (settings.strategy === 'default') {
    const surge = Math.max(settings.surgeNodesPerZone * zones.length, maxNodes);
    for (let added = 0; added < surge; added++) addNode(zones[added % zones.length] ?? 'unknown');
    cordonedAt = settings.nodeLaunchSeconds;
    // EKS waits for the surge nodes to be Ready, then marks every old node unschedulable.
    for (const node of groupNodes) nodeSchedulable[node] = false;
    queue.push(settings.nodeLaunchSeconds, WAVE, 0);
  } else {
    for (const node of groupNodes) nodeSchedulable[node] = true;
    queue.push(0, WAVE, 0);
  }
  for (let node = 0; node < nodeSchedulable.length; node++) if (nodeSchedulable[node]) schedulable.push(node);

  while (queue.length > 0 && !done) {
    const event = queue.pop();
    now = queue.now;
    const target = eventTarget(event);
    switch (eventType(event)) {
      case WAVE:
        if (nextWaiting < waiting.length) startWave();
        else done = true;
        break;
      case EVICT: {
        if (podPhase[target] !== RUNNING) break;
        const refused = refusingBudget(target);
        const blocker = podBlocker[target];
        if (refused === -1) {
          if (blocker) {
            blocker.outcome = 'Delayed';
            blocker.waitedSeconds = now - blocker.firstRefusedAtSeconds!;
          }
          evict(target, false);
        } else {
          if (!blocker) {
            const selected = podPdbs[podOrigin[target]];
            const budgets = selected.length === 1 ? pdbLabel(selected[0]) : selected.map(pdbLabel).join(', ');
            blockers.push((podBlocker[target] = { pod: podLabel(target), pdb: budgets, node: nodeNames[podNode[target]], atSeconds: now, outcome: 'Delayed', firstRefusedAtSeconds: now, reason: refusalReason(target, refused) }));
          }
          // Pods under several budgets are refused whatever happens: they wait for the deadline.
          if (refused >= 0) pdbWaiters[refused].push(target);
        }
        break;
      }
      case GONE: {
        if (podPhase[target] === LEFT) break;
        podPhase[target] = LEFT;
        record(target, 'gone');
        const node = podNode[target];
        const span = nodeSpans[node];
        if (span && span.drainedAt === null && --nodeRemaining[node] === 0) drained(node);
        break;
      }
      case READY:
        if (podPhase[target] !== RUNNING || podHealthy[target]) break;
        setHealthy(target, true);
        record(target, 'ready');
        break;
      case DEADLINE: {
        if (nodeSpans[target]!.drainedAt !== null) break;
        for (const pod of leavingPods(target)) {
          const reason = podPhase[pod] === EVICTING ? `terminationGracePeriodSeconds ${graceOf(pod)} is longer than the ${settings.evictionTimeoutSeconds} s eviction window` : (podBlocker[pod]?.reason ?? 'eviction refused');
          const blocker = podBlocker[pod] ?? blockers[blockers.push({ pod: podLabel(pod), pdb: null, node: nodeNames[target], atSeconds: now, outcome: 'Delayed', reason }) - 1];
          blocker.atSeconds = now;
          blocker.outcome = settings.force ? 'Forced' : 'PodEvictionFailure';
          blocker.reason = reason;
          delete blocker.waitedSeconds;
          if (!settings.force) continue;
          if (podPhase[pod] === RUNNING) evict(pod, true);
          else queue.push(now, GONE, pod);
        }
        if (!settings.force) {
          failed = true;
          done = true;
          finishedAt = now;
        }
        break;
      }
      case TERMINATE:
        nodeSpans[target]!.terminatedAt = now;
        // The Auto Scaling group replaces the terminated instance with one on the new launch template.
        addNode(nodeZones[target]);
        if (--active === 0) {
          if (nextWaiting < waiting.length) startWave();
          else {
            done = true;
            finishedAt = now;
          }
        }
        break;
      case JOIN: {
        nodeSchedulable[target] = true;
        schedulable.push(target);
        const placing = pending;
        pending = [];
        for (const pod of placing) place(pod);
        break;
      }
    }
  }

  const peakUnavailable = [];
  for (let workload = 0; workload < workloadPeak.length; workload++) {
    if (workloadPeak[workload] > 0) peakUnavailable.push({ workload: cluster.workloadLabels[workload], pods: cluster.workloadPods[workload], peakUnavailable: workloadPeak[workload] });
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
    blockers: blockers.sort((a, b) => a.atSeconds - b.atSeconds || compareNames(a.pod, b.pod)),
    peakUnavailable: peakUnavailable.sort((a, b) => b.peakUnavailable - a.peakUnavailable || compareNames(a.workload, b.workload)),
    timeline,
  };
}

/**
 * Code-unit order rather than localeCompare: the output must not depend on the machine's
 * locale, and the first localeCompare of a process spends 20-35 ms loading ICU's collator.
 */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
