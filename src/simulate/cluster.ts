// A snapshot prepared once for any number of runs (node groups, what-ifs): each pod's node,
// budgets and workload resolved to indices, and each budget's and workload's healthy count.
import { desiredHealthy } from '../core/disruption-budget.js';
import { matchesLabels, type LabelSelector } from '../core/workload-model/label-selector.js';
import type { Snapshot, SnapshotPod } from './snapshot.js';

/** Pods of DaemonSets stay until their node goes: drains skip them. */
const DAEMON_KIND = 'DaemonSet';
/** Kubernetes' default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

export interface PreparedCluster {
  snapshot: Snapshot;
  /** Indices of the pods on each node. */
  nodePods: number[][];
  podPdbs: number[][];
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
  labels?: Record<string, string>;
  labelCount: number;
  selected: number[];
}

const NO_BUDGETS: number[] = [];

export function prepareCluster(snapshot: Snapshot): PreparedCluster {
  const nodeIndex = new Map(snapshot.nodes.map((node, index) => [node.name, index]));
  const nodePods: number[][] = snapshot.nodes.map(() => []);
  const selectorsByNamespace = new Map<string, { index: number; selector: LabelSelector }[]>();
  snapshot.pdbs.forEach((pdb, index) => {
    if (!pdb.selector) return;
    const list = selectorsByNamespace.get(pdb.namespace) ?? [];
    list.push({ index, selector: { matchLabels: pdb.selector.matchLabels ?? {}, matchExpressions: (pdb.selector.matchExpressions ?? []).map((e) => ({ ...e, values: e.values ?? [] })) } });
    selectorsByNamespace.set(pdb.namespace, list);
  });
  const pods = snapshot.pods;
  const pdbPods = new Int32Array(snapshot.pdbs.length);
  const podPdbs: number[][] = new Array(pods.length);
  const podWorkload = new Int32Array(pods.length);
  const podDaemon = new Uint8Array(pods.length);
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
    const candidates = selectorsByNamespace.get(pod.namespace);
    let selected = NO_BUDGETS;
    if (candidates) {
      if (owner.labels && sameLabels(owner.labels, owner.labelCount, labels)) selected = owner.selected;
      else {
        selected = candidates.filter((entry) => matchesLabels(entry.selector, labels)).map((entry) => entry.index);
        owner.labels = labels;
        owner.labelCount = Object.keys(labels).length;
        owner.selected = selected;
      }
    }
    podPdbs[index] = selected;
    for (const pdb of selected) pdbPods[pdb]++;
    podWorkload[index] = owner.workload;
    if (owner.workload >= 0) workloadCounts[owner.workload]++;
    podDaemon[index] = pod.ownerKind === DAEMON_KIND ? 1 : 0;
    podGraceSeconds[index] = pod.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
    podStartupSeconds[index] = pod.startupSeconds ?? NaN;
    nodePods[nodeIndex.get(pod.nodeName)!].push(index);
  }
  const pdbDesired = Int32Array.from(snapshot.pdbs, (pdb, index) => desiredHealthy(pdb, pdbPods[index]) ?? pdbPods[index]);
  const pdbLabels = snapshot.pdbs.map((pdb) => `${pdb.namespace}/${pdb.name}`);
  return { snapshot, nodePods, podPdbs, podWorkload, podDaemon, podGraceSeconds, podStartupSeconds, pdbPods, pdbDesired, pdbLabels, workloadLabels, workloadPods: Int32Array.from(workloadCounts) };

  function ownerOf(pod: SnapshotPod): Owner {
    const key = `${pod.namespace}/${pod.ownerKind}/${pod.ownerName}`;
    let owner = owners.get(key);
    if (!owner) {
      const controlled = !!pod.ownerKind && pod.ownerKind !== 'Pod' && !!pod.ownerName;
      owner = { namespace: pod.namespace, kind: pod.ownerKind, name: pod.ownerName, workload: controlled ? workloadLabels.push(`${pod.ownerKind} ${pod.namespace}/${pod.ownerName}`) - 1 : -1, labelCount: 0, selected: NO_BUDGETS };
      if (controlled) workloadCounts.push(0);
      owners.set(key, owner);
    }
    return owner;
  }
}

function sameLabels(known: Record<string, string>, knownCount: number, labels: Record<string, string>): boolean {
  let count = 0;
  for (const key in labels) {
    if (known[key] !== labels[key]) return false;
    count++;
  }
  return count === knownCount;
}
