// A snapshot prepared once for any number of runs (node groups, what-ifs): each pod's node,
// budgets and workload resolved to indices, and each budget's and workload's healthy count.
import { matchesLabels, type LabelSelector } from '../core/workload-model/label-selector.js';
import type { Snapshot } from './snapshot.js';

/** Pods of DaemonSets stay until their node goes: drains skip them. */
const DAEMON_KIND = 'DaemonSet';

export interface PreparedCluster {
  snapshot: Snapshot;
  /** Indices of the pods on each node. */
  nodePods: number[][];
  podPdbs: number[][];
  /** -1 for a bare pod, which nothing recreates. */
  podWorkload: Int32Array;
  podDaemon: Uint8Array;
  /** Pods each budget selects, all healthy at the start. */
  pdbPods: Int32Array;
  workloadLabels: string[];
  workloadPods: Int32Array;
}

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
  const pdbPods = new Int32Array(snapshot.pdbs.length);
  const podPdbs: number[][] = [];
  const podWorkload = new Int32Array(snapshot.pods.length);
  const podDaemon = new Uint8Array(snapshot.pods.length);
  const workloadLabels: string[] = [];
  const workloadCounts: number[] = [];
  const workloadIndex = new Map<string, number>();
  // Pods of one owner nearly always share their labels: reuse the owner's last selection when they do.
  const lastByOwner = new Map<string, { labels: Record<string, string>; selected: number[] }>();
  snapshot.pods.forEach((pod, index) => {
    const labels = pod.labels ?? {};
    const candidates = selectorsByNamespace.get(pod.namespace);
    let selected: number[] = [];
    if (candidates) {
      const owner = `${pod.namespace}/${pod.ownerKind}/${pod.ownerName}`;
      const last = lastByOwner.get(owner);
      if (last && sameLabels(last.labels, labels)) selected = last.selected;
      else {
        selected = candidates.filter((entry) => matchesLabels(entry.selector, labels)).map((entry) => entry.index);
        lastByOwner.set(owner, { labels, selected });
      }
    }
    podPdbs.push(selected);
    for (const pdb of selected) pdbPods[pdb]++;
    podWorkload[index] = -1;
    if (pod.ownerKind && pod.ownerKind !== 'Pod' && pod.ownerName) {
      const key = `${pod.namespace}/${pod.ownerKind}/${pod.ownerName}`;
      let workload = workloadIndex.get(key);
      if (workload === undefined) {
        workload = workloadLabels.push(`${pod.ownerKind} ${pod.namespace}/${pod.ownerName}`) - 1;
        workloadCounts.push(0);
        workloadIndex.set(key, workload);
      }
      workloadCounts[workload]++;
      podWorkload[index] = workload;
    }
    podDaemon[index] = pod.ownerKind === DAEMON_KIND ? 1 : 0;
    nodePods[nodeIndex.get(pod.nodeName)!].push(index);
  });
  return { snapshot, nodePods, podPdbs, podWorkload, podDaemon, pdbPods, workloadLabels, workloadPods: Int32Array.from(workloadCounts) };
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
}
