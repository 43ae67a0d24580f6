// Cluster preparation: each pod's budgets, workload and node, as the update model reads them.
import { describe, expect, it } from 'vitest';
import { prepareCluster, SEVERAL_BUDGETS } from './cluster.js';
import type { Snapshot } from './snapshot.js';

describe('cluster preparation', () => {
  it('selects budgets per pod even where pods of one owner differ in a label a selector reads', () => {
    const pod = (name: string, node: string, labels: Record<string, string>, owner?: string) => ({ namespace: 'shop', name, nodeName: node, labels, ...(owner ? { ownerKind: 'ReplicaSet', ownerName: owner } : {}) });
    const snapshot: Snapshot = {
      nodes: [
        { name: 'a', zone: 'z1', nodeGroup: 'general' },
        { name: 'b', zone: 'z2', nodeGroup: 'general' },
      ],
      pods: [
        pod('web-1', 'b', { app: 'web', hash: '1' }, 'web-1'),
        // Same owner, another pod-template hash: the same budgets.
        pod('web-2', 'a', { app: 'web', hash: '2' }, 'web-1'),
        // Same owner, a tier label the second budget reads: both budgets.
        pod('web-3', 'b', { app: 'web', hash: '1', tier: 'front' }, 'web-1'),
        // Bare pods share one owner entry per namespace, whatever their labels.
        pod('debug', 'a', { app: 'debug' }),
        pod('tool', 'a', { app: 'web', tier: 'front' }),
        pod('scratch', 'b', {}),
      ],
      pdbs: [
        { namespace: 'shop', name: 'web', selector: { matchLabels: { app: 'web' } }, maxUnavailable: 1 },
        { namespace: 'shop', name: 'front', selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, minAvailable: 1 },
      ],
    };
    const cluster = prepareCluster(snapshot);
    expect(cluster.podPdbs).toEqual([[0], [0], [0, 1], [], [0, 1], []]);
    expect(Array.from(cluster.podBudget)).toEqual([0, 0, SEVERAL_BUDGETS, -1, SEVERAL_BUDGETS, -1]);
    expect(Array.from(cluster.pdbPods)).toEqual([4, 2]);
    expect(Array.from(cluster.podWorkload)).toEqual([0, 0, 0, -1, -1, -1]);
    // Node a holds web-2, debug and tool; node b web-1, web-3 and scratch, each in pod order.
    expect(Array.from(cluster.nodePodStart)).toEqual([0, 3, 6]);
    expect(Array.from(cluster.nodePodList)).toEqual([1, 3, 4, 0, 2, 5]);
  });

  it('orders nodes by name in code units, the order a node group drains them', () => {
    const snapshot: Snapshot = {
      nodes: [
        { name: 'n-2', zone: 'z1', nodeGroup: 'general' },
        { name: 'n-10', zone: 'z2', nodeGroup: 'batch' },
        { name: 'n-1', zone: 'z3', nodeGroup: 'general' },
        { name: 'N-3', zone: 'z1', nodeGroup: 'general' },
      ],
      pods: [],
      pdbs: [],
    };
    const cluster = prepareCluster(snapshot);
    expect(cluster.nodesByName).toEqual([3, 2, 1, 0]);
    expect([cluster.nodeNames, cluster.nodeZones, cluster.nodeGroups]).toEqual([
      ['n-2', 'n-10', 'n-1', 'N-3'],
      ['z1', 'z2', 'z3', 'z1'],
      ['general', 'batch', 'general', 'general'],
    ]);
  });
});
