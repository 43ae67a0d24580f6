// A snapshot prepared once for any number of runs (node groups, what-ifs): each pod's node,
// budgets and workload resolved to indices, and each budget's and workload's healthy count.
import { desiredHealthy } from '../core/disruption-budget.js';
import { matchesLabels, type LabelSelector } from '../core/workload-model/label-selector.js';
import { compareNames } from './names.js';
import type { Snapshot, SnapshotPod } from './snapshot.js';

/** Pods of DaemonSets stay until their node goes: drains skip them. */
const DAEMON_KIND = 'DaemonSet';
/** Kubernetes' default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

export interface PreparedCluster {
  snapshot: Snapshot;
  nodeNames: string[];
  nodeZones: string[];
  nodeGroups: string[];
  /** Node indices in name order: the order a node group's update drains them. */
  nodesByName: number[];
  /**
   * The pods on each node, in pod order: those of node n are nodePodList[nodePodStart[n] ..
   * nodePodStart[n + 1]). Two flat arrays rather than an array per node: thousands of small
   * growing arrays cost more in allocation and GC than the counting pass that sizes them.
   */
  nodePodStart: Int32Array;
  nodePodList: Int32Array;
  podPdbs: number[][];
  /** podPdbs in one number per pod, for the model's every step: the one budget, NO_BUDGET or SEVERAL_BUDGETS. */
  podBudget: Int32Array;
  /** -1 for a bare pod, which nothing recreates. */
  podWorkload: Int32Array;
  podDaemon: Uint8Array;
  podGraceSeconds: Float64Array;
  /** NaN where the pod states none (the run's podStartSeconds applies). */
  podStartupSeconds: Float64Array;
  /** Pods each budget selects, all healthy at the start. */
  pdbPods: Int32Array;
  /** Healthy pods each budget needs: the disruption controller's expected count is the pods it selects when all are healthy. */
  pdbDesired: Int32Array;
  /** namespace/name of each budget. */
  pdbLabels: string[];
  workloadLabels: string[];
  workloadPods: Int32Array;
}

/** What pods of one owner share: their workload, and the budgets the owner's last labels selected. */
interface Owner {
  namespace: string;
  kind: string | undefined;
  name: string | undefined;
  /** -1 for bare pods, which share one entry per namespace. */
  workload: number;
  /** Undefined until the owner's first pod under a budget's namespace; set at creation so every owner has one shape. */
  labels: Record<string, string> | undefined;
  selected: number[];
}

/** The budgets of one namespace, and every label key their selectors read. */
interface NamespaceBudgets {
  selectors: { index: number; selector: LabelSelector }[];
  keys: string[];
}

const NO_BUDGETS: number[] = [];
const NO_BUDGET = -1;
export const SEVERAL_BUDGETS = -2;

export function prepareCluster(snapshot: Snapshot): PreparedCluster {
  const nodeNames = snapshot.nodes.map((node) => node.name);
  const nodeIndex = new Map(nodeNames.map((name, index) => [name, index]));
  const nodesByName = [...nodeNames.keys()].sort((a, b) => compareNames(nodeNames[a], nodeNames[b]));
  const budgetsByNamespace = new Map<string, NamespaceBudgets>();
  snapshot.pdbs.forEach((pdb, index) => {
    if (!pdb.selector) return;
    const budgets = budgetsByNamespace.get(pdb.namespace) ?? { selectors: [], keys: [] };
    const selector = { matchLabels: pdb.selector.matchLabels ?? {}, matchExpressions: (pdb.selector.matchExpressions ?? []).map((e) => ({ ...e, values: e.values ?? [] })) };
    budgets.selectors.push({ index, selector });
    for (const key of [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((expression) => expression.key)]) if (!budgets.keys.includes(key)) budgets.keys.push(key);
    budgetsByNamespace.set(pdb.namespace, budgets);
  });
  const pods = snapshot.pods;
  const pdbPods = new Int32Array(snapshot.pdbs.length);
  const podPdbs: number[][] = new Array(pods.length);
  const podBudget = new Int32Array(pods.length);
  const podWorkload = new Int32Array(pods.length);
  const podDaemon = new Uint8Array(pods.length);
  const podNode = new Int32Array(pods.length);
  const nodePodStart = new Int32Array(snapshot.nodes.length + 1);
  const podGraceSeconds = new Float64Array(pods.length);
  const podStartupSeconds = new Float64Array(pods.length);
  const workloadLabels: string[] = [];
  const workloadCounts: number[] = [];
  const owners = new Map<string, Owner>();
  // Pods of one owner are usually listed together and nearly always share their labels: compare
  // with the previous pod's owner before building a key, and reuse the owner's last selection.
  let previous: Owner | undefined;
  for (let index = 0; index < pods.length; index++) {
    const pod = pods[index];
    const owner = previous && previous.namespace === pod.namespace && previous.kind === pod.ownerKind && previous.name === pod.ownerName ? previous : ownerOf(pod);
    previous = owner;
    const labels = pod.labels ?? {};
    const candidates = budgetsByNamespace.get(pod.namespace);
    let selected = NO_BUDGETS;
    if (candidates) {
      if (owner.labels && sameSelectedLabels(candidates.keys, owner.labels, labels)) selected = owner.selected;
      else {
        // A loop rather than filter and map: map's result array is of another kind than the
        // literals here, and meeting both throws the loop's optimized code away mid-snapshot.
        const matched: number[] = [];
        const { selectors } = candidates;
        for (let entry = 0; entry < selectors.length; entry++) if (matchesLabels(selectors[entry].selector, labels)) matched.push(selectors[entry].index);
        selected = matched.length === 0 ? NO_BUDGETS : matched;
        owner.labels = labels;
        owner.selected = selected;
      }
    }
    podPdbs[index] = selected;
    podBudget[index] = selected.length === 1 ? selected[0] : selected.length === 0 ? NO_BUDGET : SEVERAL_BUDGETS;
    // Indexed loops here and below: this loop runs once per pod of the snapshot, mostly before
    // the optimizing compiler has seen it, where an iterator per for-of costs more than the work.
    for (let entry = 0; entry < selected.length; entry++) pdbPods[selected[entry]]++;
    podWorkload[index] = owner.workload;
    if (owner.workload >= 0) workloadCounts[owner.workload]++;
    podDaemon[index] = pod.ownerKind === DAEMON_KIND ? 1 : 0;
    podGraceSeconds[index] = pod.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
    podStartupSeconds[index] = pod.startupSeconds ?? NaN;
    const node = nodeIndex.get(pod.nodeName)!;
    podNode[index] = node;
    nodePodStart[node + 1]++;
  }
  const nodePodList = listByNode(podNode, nodePodStart);
  const pdbDesired = Int32Array.from(snapshot.pdbs, (pdb, index) => desiredHealthy(pdb, pdbPods[index]) ?? pdbPods[index]);
  const pdbLabels = snapshot.pdbs.map((pdb) => `${pdb.namespace}/${pdb.name}`);
  const nodeZones = snapshot.nodes.map((node) => node.zone);
  const nodeGroups = snapshot.nodes.map((node) => node.nodeGroup);
  return { snapshot, nodeNames, nodeZones, nodeGroups, nodesByName, nodePodStart, nodePodList, podPdbs, podBudget, podWorkload, podDaemon, podGraceSeconds, podStartupSeconds, pdbPods, pdbDesired, pdbLabels, workloadLabels, workloadPods: Int32Array.from(workloadCounts) };

  function ownerOf(pod: SnapshotPod): Owner {
    const key = `${pod.namespace}/${pod.ownerKind}/${pod.ownerName}`;
    let owner = owners.get(key);
    if (!owner) {
      const controlled = !!pod.ownerKind && pod.ownerKind !== 'Pod' && !!pod.ownerName;
      owner = { namespace: pod.namespace, kind: pod.ownerKind, name: pod.ownerName, workload: controlled ? workloadLabels.push(`${pod.ownerKind} ${pod.namespace}/${pod.ownerName}`) - 1 : -1, labels: undefined, selected: NO_BUDGETS };
      if (controlled) workloadCounts.push(0);
      owners.set(key, owner);
    }
    return owner;
  }
}

/**
 * Counting sort of the pods by node, in pod order within a node: `starts` holds each node's pod
 * count at [node + 1] and leaves with each node's first position at [node].
 */
function listByNode(podNode: Int32Array, starts: Int32Array): Int32Array {
  const nodes = starts.length - 1;
  for (let node = 0; node < nodes; node++) starts[node + 1] += starts[node];
  const list = new Int32Array(podNode.length);
  const filled = starts.slice(0, nodes);
  for (let pod = 0; pod < podNode.length; pod++) list[filled[podNode[pod]]++] = pod;
  return list;
}

/**
 * Whether two pods' labels select the same budgets: they agree on every key the namespace's
 * selectors read (an absent label reads as undefined, which no label value is), whatever
 * else differs — pod-template-hash, a version label. One look-up per selector key, where
 * comparing every label cost a quarter of the preparation.
 */
function sameSelectedLabels(keys: string[], known: Record<string, string>, labels: Record<string, string>): boolean {
  for (let index = 0; index < keys.length; index++) if (known[keys[index]] !== labels[keys[index]]) return false;
  return true;
}
