// The discrete-event model of one EKS managed node-group update: surge (default strategy),
// then waves of at most maxUnavailable nodes, each cordoned and drained through the eviction
// API (refused evictions retried while a PDB forbids them), a wait after the drain, then
// termination and a replacement node. Fails with PodEvictionFailure when a node's pods have
// not left within the eviction timeout, unless forced.
//
// Every step costs O(log n) in the event queue plus the pods it touches: pods are kept in
// parallel arrays indexed by pod number (replacements appended), each PDB keeps a running count
// of healthy pods, and only the pods of the group's nodes are ever listed.
//
// A run is an object whose steps are methods, not closures made per run: the optimizing
// compiler inlines a call only for the function it saw, so closures made afresh for each node
// group threw the main loop's optimized code away at the second group, and the loop ran
// unoptimized while a compile of the whole function took 100-200 ms.
import type { Blocker, NodeGroupResult, NodeSpan, PodEvent, SimulationTrace } from './result.js';
import { resolveMaxUnavailable, type SimulationSettings } from './settings.js';
import { SEVERAL_BUDGETS, type PreparedCluster } from './cluster.js';
import { compareNames } from './names.js';
import { EVICTING, LEFT, PodTable, RUNNING } from './pod-table.js';
import { DEADLINE, EVICT, EventQueue, eventTarget, eventType, GONE, JOIN, READY, TERMINATE, WAVE } from './event-queue.js';

export function simulateNodeGroup(cluster: PreparedCluster, group: string, settings: SimulationSettings, trace?: SimulationTrace): NodeGroupResult {
  return new NodeGroupRun(cluster, group, settings, trace).run();
}

class NodeGroupRun {
  private readonly snapshotNodes: number;
  // Nodes: the snapshot's, then the ones the update launches.
  private readonly nodeNames: string[];
  private readonly nodeZones: string[];
  private readonly nodeSchedulable: boolean[];
  private readonly groupNodes: number[] = [];
  private readonly nodeSpans: (NodeSpan | undefined)[];
  private readonly nodeRemaining: Int32Array;
  private readonly zones: string[];
  private readonly maxNodes: number;
  private readonly pdbHealthy: Int32Array;
  /** Pods whose eviction a budget refused, woken when one of its pods becomes ready. */
  private readonly pdbWaiters: number[][];
  private readonly workloadHealthy: Int32Array;
  private readonly workloadPeak: Int32Array;
  // Pods of this run: only pods on this group's nodes ever move; the others count towards their
  // budgets as they are. A replacement shares its origin (the snapshot pod) with the pod it replaces.
  // Only the group's nodes are drained, so only they list their pods: their own, numbered
  // nodeFirstPod[node] .. + nodeOwnPods[node], then the replacements placed on them later.
  private readonly nodeFirstPod: Int32Array;
  private readonly nodeOwnPods: Int32Array;
  private readonly nodePlacedPods: (number[] | undefined)[];
  private readonly pods: PodTable;
  private readonly queue = new EventQueue();
  private readonly blockers: Blocker[] = objectList();
  private readonly timeline: NodeSpan[] = objectList();
  private readonly waiting: number[];
  private nextWaiting = 0;
  private pending: number[] = [];
  /** Schedulable nodes in index order: new nodes join in index order, so appending keeps it sorted. */
  private readonly schedulable: number[] = [];
  private cursor = 0;
  private active = 0;
  private waves = 0;
  private now = 0;
  private failed = false;
  private done = false;
  private finishedAt = 0;
  private cordonedAt = 0;

  constructor(
    private readonly cluster: PreparedCluster,
    private readonly group: string,
    private readonly settings: SimulationSettings,
    private readonly trace: SimulationTrace | undefined,
  ) {
    const { snapshot } = cluster;
    this.snapshotNodes = snapshot.nodes.length;
    this.nodeNames = cluster.nodeNames.slice();
    this.nodeZones = cluster.nodeZones.slice();
    this.nodeSchedulable = cluster.nodeGroups.map((nodeGroup) => nodeGroup !== group);
    for (let index = 0; index < this.snapshotNodes; index++) if (cluster.nodeGroups[index] === group) this.groupNodes.push(index);
    this.nodeSpans = new Array(this.snapshotNodes);
    this.nodeRemaining = new Int32Array(this.snapshotNodes);
    this.zones = [...new Set(this.groupNodes.map((index) => this.nodeZones[index]))];
    this.maxNodes = resolveMaxUnavailable(settings.maxUnavailable, this.groupNodes.length, settings.maxUnavailableQuota);
    this.pdbHealthy = Int32Array.from(cluster.pdbPods);
    this.pdbWaiters = snapshot.pdbs.map(() => []);
    this.workloadHealthy = Int32Array.from(cluster.workloadPods);
    this.workloadPeak = new Int32Array(cluster.workloadPods.length);

    this.nodeFirstPod = new Int32Array(this.snapshotNodes).fill(-1);
    this.nodeOwnPods = new Int32Array(this.snapshotNodes);
    this.nodePlacedPods = new Array(this.snapshotNodes);
    let initialPods = 0;
    for (const node of this.groupNodes) initialPods += cluster.nodePodStart[node + 1] - cluster.nodePodStart[node];
    // Every evicted pod of the default strategy has one replacement, on a node that is not drained.
    this.pods = new PodTable(cluster, 2 * initialPods + 16);
    for (const node of this.groupNodes) {
      this.nodeFirstPod[node] = this.pods.length;
      this.nodeOwnPods[node] = cluster.nodePodStart[node + 1] - cluster.nodePodStart[node];
      this.pods.addRunning(cluster.nodePodList.subarray(cluster.nodePodStart[node], cluster.nodePodStart[node + 1]), node);
    }
    this.pods.copyOrigins();
    if (trace) {
      trace.podPdbs = Array.from(this.pods.origin.subarray(0, this.pods.length), (origin) => cluster.podPdbs[origin]);
      trace.pdbDesired = Array.from(cluster.pdbDesired);
      trace.pdbInitialHealthy = Array.from(cluster.pdbPods);
      trace.initialPods = this.pods.length;
      trace.events = [];
    }
    this.waiting = [];
    for (const node of cluster.nodesByName) if (cluster.nodeGroups[node] === group) this.waiting.push(node);
  }

  run(): NodeGroupResult {
    const { cluster, settings, queue, pods, blockers, nodeSpans } = this;
    if (settings.strategy === 'default') {
      const surge = Math.max(settings.surgeNodesPerZone * this.zones.length, this.maxNodes);
      for (let added = 0; added < surge; added++) this.addNode(this.zones[added % this.zones.length] ?? 'unknown');
      this.cordonedAt = settings.nodeLaunchSeconds;
      // EKS waits for the surge nodes to be Ready, then marks every old node unschedulable.
      for (const node of this.groupNodes) this.nodeSchedulable[node] = false;
      queue.push(settings.nodeLaunchSeconds, WAVE, 0);
    } else {
      for (const node of this.groupNodes) this.nodeSchedulable[node] = true;
      queue.push(0, WAVE, 0);
    }
    for (let node = 0; node < this.nodeSchedulable.length; node++) if (this.nodeSchedulable[node]) this.schedulable.push(node);

    while (queue.length > 0 && !this.done) {
      const event = queue.pop();
      const now = (this.now = queue.now);
      const target = eventTarget(event);
      switch (eventType(event)) {
        case WAVE:
          if (this.nextWaiting < this.waiting.length) this.startWave();
          else this.done = true;
          break;
        case EVICT:
          if (pods.phase[target] === RUNNING) this.tryEvict(target);
          break;
        case GONE: {
          if (pods.phase[target] === LEFT) break;
          pods.phase[target] = LEFT;
          this.record(target, 'gone');
          const node = pods.node[target];
          const span = nodeSpans[node];
          if (span && span.drainedAt === null && --this.nodeRemaining[node] === 0) this.drained(node);
          break;
        }
        case READY:
          if (pods.phase[target] !== RUNNING || pods.healthy[target]) break;
          this.setHealthy(target, true);
          this.record(target, 'ready');
          break;
        case DEADLINE:
          if (nodeSpans[target]!.drainedAt === null) this.deadline(target);
          break;
        case TERMINATE:
          nodeSpans[target]!.terminatedAt = now;
          // The Auto Scaling group replaces the terminated instance with one on the new launch template.
          this.addNode(this.nodeZones[target]);
          if (--this.active === 0) {
            if (this.nextWaiting < this.waiting.length) this.startWave();
            else {
              this.done = true;
              this.finishedAt = now;
            }
          }
          break;
        case JOIN: {
          this.nodeSchedulable[target] = true;
          this.schedulable.push(target);
          const placing = this.pending;
          this.pending = [];
          for (const pod of placing) this.place(pod);
          break;
        }
      }
    }

    const peakUnavailable = [];
    for (let workload = 0; workload < this.workloadPeak.length; workload++) {
      if (this.workloadPeak[workload] > 0) peakUnavailable.push({ workload: cluster.workloadLabels[workload], pods: cluster.workloadPods[workload], peakUnavailable: this.workloadPeak[workload] });
    }
    return {
      name: this.group,
      nodes: this.groupNodes.length,
      zones: this.zones.length,
      maxUnavailable: settings.maxUnavailable,
      maxUnavailableNodes: this.maxNodes,
      strategy: settings.strategy,
      durationSeconds: this.finishedAt,
      waves: this.waves,
      failed: this.failed,
      blockers: blockers.sort((a, b) => a.atSeconds - b.atSeconds || compareNames(a.pod, b.pod)),
      peakUnavailable: peakUnavailable.sort((a, b) => b.peakUnavailable - a.peakUnavailable || compareNames(a.workload, b.workload)),
      timeline: this.timeline,
    };
  }

  /** An eviction request for a running pod: granted unless a budget refuses it. */
  private tryEvict(pod: number): void {
    const { pods, blockers, now } = this;
    const refused = this.refusingBudget(pod);
    const blocker = pods.blocker[pod] >= 0 ? blockers[pods.blocker[pod]] : undefined;
    if (refused === -1) {
      if (blocker) {
        blocker.outcome = 'Delayed';
        blocker.waitedSeconds = now - blocker.firstRefusedAtSeconds!;
      }
      this.evict(pod, false);
      return;
    }
    if (!blocker) this.firstRefusal(pod, refused);
    // Pods under several budgets are refused whatever happens: they wait for the deadline.
    if (refused >= 0) this.pdbWaiters[refused].push(pod);
  }

  /** A Delayed blocker from the pod's first refused eviction (its own method: the string work compiles apart from the hot path). */
  private firstRefusal(pod: number, refused: number): void {
    const { pods, now } = this;
    const selected = this.cluster.podPdbs[pods.origin[pod]];
    const budgets = selected.length === 1 ? this.pdbLabel(selected[0]) : selected.map((pdb) => this.pdbLabel(pdb)).join(', ');
    pods.blocker[pod] = this.blockers.push({ pod: this.podLabel(pod), pdb: budgets, node: this.nodeNames[pods.node[pod]], atSeconds: now, outcome: 'Delayed', firstRefusedAtSeconds: now, reason: this.refusalReason(pod, refused) }) - 1;
  }

  /** The eviction timeout of a node that has not drained: the update fails, or --force deletes what is left. */
  private deadline(node: number): void {
    const { pods, blockers, settings, now } = this;
    for (const pod of this.leavingPods(node)) {
      const refusal = pods.blocker[pod] >= 0 ? blockers[pods.blocker[pod]] : undefined;
      const reason = pods.phase[pod] === EVICTING ? `terminationGracePeriodSeconds ${this.graceOf(pod)} is longer than the ${settings.evictionTimeoutSeconds} s eviction window` : (refusal?.reason ?? 'eviction refused');
      const blocker = refusal ?? blockers[blockers.push({ pod: this.podLabel(pod), pdb: null, node: this.nodeNames[node], atSeconds: now, outcome: 'Delayed', reason }) - 1];
      blocker.atSeconds = now;
      blocker.outcome = settings.force ? 'Forced' : 'PodEvictionFailure';
      blocker.reason = reason;
      delete blocker.waitedSeconds;
      if (!settings.force) continue;
      if (pods.phase[pod] === RUNNING) this.evict(pod, true);
      else this.queue.push(now, GONE, pod);
    }
    if (!settings.force) {
      this.failed = true;
      this.done = true;
      this.finishedAt = now;
    }
  }

  private podLabel(pod: number): string {
    const { namespace, name } = this.cluster.snapshot.pods[this.pods.origin[pod]];
    return `${namespace}/${name}`;
  }

  private pdbLabel(pdb: number): string {
    return this.cluster.pdbLabels[pdb];
  }

  private graceOf(pod: number): number {
    return this.pods.graceSeconds[pod];
  }

  private startupOf(pod: number): number {
    const seconds = this.pods.startupSeconds[pod];
    return Number.isNaN(seconds) ? this.settings.podStartSeconds : seconds;
  }

  /**
   * A refused eviction is retried every evictionRetrySeconds. Only a pod of the refusing budget
   * turning ready can change the answer, so instead of polling, the pod waits on the budget and
   * is retried at the first retry time after that — the same times polling gives.
   */
  private wake(pdb: number): void {
    const { pods, blockers, now } = this;
    const retrySeconds = this.settings.evictionRetrySeconds;
    const waiters = this.pdbWaiters[pdb];
    this.pdbWaiters[pdb] = [];
    for (let index = 0; index < waiters.length; index++) {
      const pod = waiters[index];
      if (pods.phase[pod] !== RUNNING || pods.blocker[pod] < 0) continue;
      const first = blockers[pods.blocker[pod]].firstRefusedAtSeconds!;
      const retry = first + Math.max(1, Math.ceil((now - first) / retrySeconds)) * retrySeconds;
      if (pods.retryAt[pod] >= retry) continue;
      pods.retryAt[pod] = retry;
      this.queue.push(retry, EVICT, pod);
    }
  }

  private record(pod: number, type: PodEvent['type']): void {
    this.trace?.events.push({ at: this.now, pod, type });
  }

  private countHealthy(pdb: number, healthy: boolean, delta: number): void {
    this.pdbHealthy[pdb] += delta;
    if (healthy && this.pdbWaiters[pdb].length > 0) this.wake(pdb);
  }

  private setHealthy(pod: number, healthy: boolean): void {
    const { cluster } = this;
    this.pods.healthy[pod] = healthy ? 1 : 0;
    const delta = healthy ? 1 : -1;
    const budget = this.pods.budget[pod];
    if (budget >= 0) this.countHealthy(budget, healthy, delta);
    else if (budget === SEVERAL_BUDGETS) for (const pdb of cluster.podPdbs[this.pods.origin[pod]]) this.countHealthy(pdb, healthy, delta);
    const workload = this.pods.workload[pod];
    if (workload >= 0) {
      this.workloadHealthy[workload] += delta;
      this.workloadPeak[workload] = Math.max(this.workloadPeak[workload], cluster.workloadPods[workload] - this.workloadHealthy[workload]);
    }
  }

  private place(pod: number): void {
    const { schedulable } = this;
    if (schedulable.length === 0) {
      this.pending.push(pod);
      return;
    }
    const node = schedulable[this.cursor++ % schedulable.length];
    this.pods.node[pod] = node;
    if (node < this.snapshotNodes && this.nodeFirstPod[node] >= 0) (this.nodePlacedPods[node] ??= []).push(pod);
    this.queue.push(this.now + this.startupOf(pod), READY, pod);
  }

  private evict(pod: number, forced: boolean): void {
    const { pods, cluster, now } = this;
    pods.phase[pod] = EVICTING;
    if (pods.healthy[pod]) this.setHealthy(pod, false);
    this.record(pod, forced ? 'forced' : 'evicted');
    this.queue.push(forced ? now : now + this.graceOf(pod), GONE, pod);
    if (pods.workload[pod] >= 0) {
      // The replacement keeps the evicted pod's node until it is placed.
      const replacement = pods.addReplacement(pod);
      if (this.trace) this.trace.podPdbs.push(cluster.podPdbs[pods.origin[pod]]);
      this.place(replacement);
    } else {
      this.blockers.push({ pod: this.podLabel(pod), pdb: null, node: this.nodeNames[pods.node[pod]], atSeconds: now, outcome: 'NotRecreated', reason: 'a pod without a controller is evicted and nothing recreates it' });
    }
  }

  /** The budget that refuses the pod's eviction: -1 none, -2 several budgets (the eviction API answers 500). */
  private refusingBudget(pod: number): number {
    const budget = this.pods.budget[pod];
    if (budget === SEVERAL_BUDGETS) return -2;
    return budget >= 0 && this.pdbHealthy[budget] - this.pods.healthy[pod] < this.cluster.pdbDesired[budget] ? budget : -1;
  }

  private refusalReason(pod: number, pdb: number): string {
    return pdb === -2 ? `selected by ${this.cluster.podPdbs[this.pods.origin[pod]].length} PDBs: the eviction API answers 500` : `PDB ${this.pdbLabel(pdb)} needs ${this.cluster.pdbDesired[pdb]} healthy pods and has ${this.pdbHealthy[pdb]}`;
  }

  /** The pods that must leave a node before it counts as drained. */
  private leavingPods(node: number): number[] {
    const leaving: number[] = [];
    const first = this.nodeFirstPod[node];
    for (let pod = first; pod < first + this.nodeOwnPods[node]; pod++) if (this.leaves(pod, node)) leaving.push(pod);
    for (const pod of this.nodePlacedPods[node] ?? []) if (this.leaves(pod, node)) leaving.push(pod);
    return leaving;
  }

  private leaves(pod: number, node: number): boolean {
    const { pods } = this;
    return pods.daemon[pod] !== 1 && pods.phase[pod] !== LEFT && pods.node[pod] === node;
  }

  private startWave(): void {
    const { settings, pods, queue, now } = this;
    this.waves++;
    for (let started = 0; started < this.maxNodes && this.nextWaiting < this.waiting.length; started++) {
      const node = this.waiting[this.nextWaiting++];
      if (this.nodeSchedulable[node]) {
        this.nodeSchedulable[node] = false;
        this.schedulable.splice(this.schedulable.indexOf(node), 1);
      }
      const span: NodeSpan = { node: this.nodeNames[node], zone: this.nodeZones[node], cordonAt: settings.strategy === 'default' ? this.cordonedAt : now, drainStartAt: now, drainedAt: null, terminatedAt: null };
      this.nodeSpans[node] = span;
      this.timeline.push(span);
      this.active++;
      const leaving = this.leavingPods(node);
      this.nodeRemaining[node] = leaving.length;
      queue.push(now + settings.evictionTimeoutSeconds, DEADLINE, node);
      if (leaving.length === 0) this.drained(node);
      for (let index = 0; index < leaving.length; index++) if (pods.phase[leaving[index]] === RUNNING) queue.push(now, EVICT, leaving[index]);
    }
  }

  private drained(node: number): void {
    this.nodeSpans[node]!.drainedAt = this.now;
    this.queue.push(this.now + this.settings.postDrainWaitSeconds, TERMINATE, node);
  }

  private addNode(zone: string): void {
    const node = this.nodeNames.push(`${this.group}-new-${this.nodeNames.length - this.snapshotNodes + 1}`) - 1;
    this.nodeZones.push(zone);
    this.nodeSchedulable.push(false);
    this.queue.push(this.now + this.settings.nodeLaunchSeconds, JOIN, node);
  }
}

/**
 * An empty array whose elements are already of the object kind. A `[]` starts with small-integer
 * elements and changes kind at its first object: the code optimized for one run's list then met
 * each new run's list in the other kind and was thrown away twice per node group.
 */
function objectList<T>(): T[] {
  return [undefined].slice(0, 0) as T[];
}

