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
import { SEVERAL_BUDGETS, type PreparedCluster } from './cluster.js';
import { EVICTING, LEFT, PodTable, RUNNING } from './pod-table.js';
import { DEADLINE, EVICT, EventQueue, eventTarget, eventType, GONE, JOIN, READY, TERMINATE, WAVE } from './event-queue.js';

export function simulateNodeGroup(cluster: PreparedCluster, group: string, settings: SimulationSettings, trace?: SimulationTrace): NodeGroupResult {
  const { snapshot, podPdbs, podBudget, podWorkload, podDaemon } = cluster;
  const snapshotNodes = snapshot.nodes.length;
  // Nodes: the snapshot's, then the ones the update launches.
  const nodeNames = snapshot.nodes.map((node) => node.name);
  const nodeZones = snapshot.nodes.map((node) => node.zone);
  const nodeSchedulable = snapshot.nodes.map((node) => node.nodeGroup !== group);
  const groupNodes: number[] = [];
  for (let index = 0; index < snapshotNodes; index++) if (snapshot.nodes[index].nodeGroup === group) groupNodes.push(index);
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
  // Only the group's nodes are drained, so only they list their pods: their own, numbered
  // nodeFirstPod[node] .. + nodeOwnPods[node], then the replacements placed on them later.
  const nodeFirstPod = new Int32Array(snapshotNodes).fill(-1);
  const nodeOwnPods = new Int32Array(snapshotNodes);
  const nodePlacedPods: (number[] | undefined)[] = new Array(snapshotNodes);
  let initialPods = 0;
  for (const node of groupNodes) initialPods += cluster.nodePodStart[node + 1] - cluster.nodePodStart[node];
  // Every evicted pod of the default strategy has one replacement, on a node that is not drained.
  const pods = new PodTable(2 * initialPods + 16);
  for (const node of groupNodes) {
    nodeFirstPod[node] = pods.length;
    nodeOwnPods[node] = cluster.nodePodStart[node + 1] - cluster.nodePodStart[node];
    pods.addRunning(cluster.nodePodList.subarray(cluster.nodePodStart[node], cluster.nodePodStart[node + 1]), node);
  }
  const podLabel = (pod: number) => {
    const { namespace, name } = snapshot.pods[pods.origin[pod]];
    return `${namespace}/${name}`;
  };
  const pdbLabel = (pdb: number) => cluster.pdbLabels[pdb];
  const graceOf = (pod: number) => cluster.podGraceSeconds[pods.origin[pod]];
  const startupOf = (pod: number) => {
    const seconds = cluster.podStartupSeconds[pods.origin[pod]];
    return Number.isNaN(seconds) ? settings.podStartSeconds : seconds;
  };
  if (trace) {
    trace.podPdbs = Array.from(pods.origin.subarray(0, pods.length), (origin) => podPdbs[origin]);
    trace.pdbDesired = Array.from(cluster.pdbDesired);
    trace.pdbInitialHealthy = Array.from(cluster.pdbPods);
    trace.initialPods = pods.length;
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
    for (let index = 0; index < waiters.length; index++) {
      const pod = waiters[index];
      if (pods.phase[pod] !== RUNNING || pods.blocker[pod] < 0) continue;
      const first = blockers[pods.blocker[pod]].firstRefusedAtSeconds!;
      const retry = first + Math.max(1, Math.ceil((now - first) / settings.evictionRetrySeconds)) * settings.evictionRetrySeconds;
      if (pods.retryAt[pod] >= retry) continue;
      pods.retryAt[pod] = retry;
      queue.push(retry, EVICT, pod);
    }
  };
  const record = (pod: number, type: PodEvent['type']) => trace?.events.push({ at: now, pod, type });
  const countHealthy = (pdb: number, healthy: boolean, delta: number) => {
    pdbHealthy[pdb] += delta;
    if (healthy && pdbWaiters[pdb].length > 0) wake(pdb);
  };
  const setHealthy = (pod: number, healthy: boolean) => {
    pods.healthy[pod] = healthy ? 1 : 0;
    const delta = healthy ? 1 : -1;
    const origin = pods.origin[pod];
    const budget = podBudget[origin];
    if (budget >= 0) countHealthy(budget, healthy, delta);
    else if (budget === SEVERAL_BUDGETS) for (const pdb of podPdbs[origin]) countHealthy(pdb, healthy, delta);
    const workload = podWorkload[origin];
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
    pods.node[pod] = node;
    if (node < snapshotNodes && nodeFirstPod[node] >= 0) (nodePlacedPods[node] ??= []).push(pod);
    queue.push(now + startupOf(pod), READY, pod);
  };
  const evict = (pod: number, forced: boolean) => {
    pods.phase[pod] = EVICTING;
    if (pods.healthy[pod]) setHealthy(pod, false);
    record(pod, forced ? 'forced' : 'evicted');
    queue.push(forced ? now : now + graceOf(pod), GONE, pod);
    const origin = pods.origin[pod];
    if (podWorkload[origin] >= 0) {
      // The replacement keeps the evicted pod's node until it is placed.
      const replacement = pods.add(origin, pods.node[pod]);
      if (trace) trace.podPdbs.push(podPdbs[origin]);
      place(replacement);
    } else {
      blockers.push({ pod: podLabel(pod), pdb: null, node: nodeNames[pods.node[pod]], atSeconds: now, outcome: 'NotRecreated', reason: 'a pod without a controller is evicted and nothing recreates it' });
    }
  };
  /** The budget that refuses the pod's eviction: -1 none, -2 several budgets (the eviction API answers 500). */
  const refusingBudget = (pod: number): number => {
    const budget = podBudget[pods.origin[pod]];
    if (budget === SEVERAL_BUDGETS) return -2;
    return budget >= 0 && pdbHealthy[budget] - pods.healthy[pod] < cluster.pdbDesired[budget] ? budget : -1;
  };
  const refusalReason = (pod: number, pdb: number) =>
    pdb === -2 ? `selected by ${podPdbs[pods.origin[pod]].length} PDBs: the eviction API answers 500` : `PDB ${pdbLabel(pdb)} needs ${cluster.pdbDesired[pdb]} healthy pods and has ${pdbHealthy[pdb]}`;
  /** The pods that must leave a node before it counts as drained. */
  const leavingPods = (node: number) => {
    const leaving: number[] = [];
    const leaves = (pod: number) => podDaemon[pods.origin[pod]] !== 1 && pods.phase[pod] !== LEFT && pods.node[pod] === node;
    for (let pod = nodeFirstPod[node]; pod < nodeFirstPod[node] + nodeOwnPods[node]; pod++) if (leaves(pod)) leaving.push(pod);
    for (const pod of nodePlacedPods[node] ?? []) if (leaves(pod)) leaving.push(pod);
    return leaving;
  };
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
      for (let index = 0; index < leaving.length; index++) if (pods.phase[leaving[index]] === RUNNING) queue.push(now, EVICT, leaving[index]);
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
        if (pods.phase[target] !== RUNNING) break;
        const refused = refusingBudget(target);
        const blocker = pods.blocker[target] >= 0 ? blockers[pods.blocker[target]] : undefined;
        if (refused === -1) {
          if (blocker) {
            blocker.outcome = 'Delayed';
            blocker.waitedSeconds = now - blocker.firstRefusedAtSeconds!;
          }
          evict(target, false);
        } else {
          if (!blocker) {
            const selected = podPdbs[pods.origin[target]];
            const budgets = selected.length === 1 ? pdbLabel(selected[0]) : selected.map(pdbLabel).join(', ');
            pods.blocker[target] = blockers.push({ pod: podLabel(target), pdb: budgets, node: nodeNames[pods.node[target]], atSeconds: now, outcome: 'Delayed', firstRefusedAtSeconds: now, reason: refusalReason(target, refused) }) - 1;
          }
          // Pods under several budgets are refused whatever happens: they wait for the deadline.
          if (refused >= 0) pdbWaiters[refused].push(target);
        }
        break;
      }
      case GONE: {
        if (pods.phase[target] === LEFT) break;
        pods.phase[target] = LEFT;
        record(target, 'gone');
        const node = pods.node[target];
        const span = nodeSpans[node];
        if (span && span.drainedAt === null && --nodeRemaining[node] === 0) drained(node);
        break;
      }
      case READY:
        if (pods.phase[target] !== RUNNING || pods.healthy[target]) break;
        setHealthy(target, true);
        record(target, 'ready');
        break;
      case DEADLINE: {
        if (nodeSpans[target]!.drainedAt !== null) break;
        for (const pod of leavingPods(target)) {
          const refusal = pods.blocker[pod] >= 0 ? blockers[pods.blocker[pod]] : undefined;
          const reason = pods.phase[pod] === EVICTING ? `terminationGracePeriodSeconds ${graceOf(pod)} is longer than the ${settings.evictionTimeoutSeconds} s eviction window` : (refusal?.reason ?? 'eviction refused');
          const blocker = refusal ?? blockers[blockers.push({ pod: podLabel(pod), pdb: null, node: nodeNames[target], atSeconds: now, outcome: 'Delayed', reason }) - 1];
          blocker.atSeconds = now;
          blocker.outcome = settings.force ? 'Forced' : 'PodEvictionFailure';
          blocker.reason = reason;
          delete blocker.waitedSeconds;
          if (!settings.force) continue;
          if (pods.phase[pod] === RUNNING) evict(pod, true);
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
