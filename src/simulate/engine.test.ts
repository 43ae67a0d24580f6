// The update model's invariants and timings on real snapshots: never more nodes out than
// allowed, no PDB violated unless forced, PodEvictionFailure at exactly the timeout.
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load.js';
import { prepareCluster } from './cluster.js';
import { simulateNodeGroup as simulatePrepared } from './engine.js';
import type { NodeSpan, SimulationTrace } from './result.js';
import { traceNodeGroup } from './run-simulate.js';
import { defaultSettings, type SimulationSettings } from './settings.js';
import { loadSnapshot, type Snapshot } from './snapshot.js';

const SETTINGS = defaultSettings(loadKnowledge().drain);

function simulateNodeGroup(snapshot: Snapshot, group: string, settings: SimulationSettings) {
  return simulatePrepared(prepareCluster(snapshot), group, settings);
}

/** `nodes` nodes over 3 zones; `perWorkload` pods of each of `workloads` Deployments, spread round-robin; one PDB each. */
function cluster(nodes: number, workloads: number, perWorkload: number, budget: { minAvailable?: number | string; maxUnavailable?: number | string }): Snapshot {
  const snapshot: Snapshot = { nodes: [], pods: [], pdbs: [] };
  for (let node = 0; node < nodes; node++) snapshot.nodes.push({ name: `node-${String(node).padStart(3, '0')}`, zone: `zone-${node % 3}`, nodeGroup: 'general' });
  let placed = 0;
  for (let workload = 0; workload < workloads; workload++) {
    const app = `app-${workload}`;
    snapshot.pdbs.push({ namespace: 'shop', name: app, selector: { matchLabels: { app } }, ...budget });
    for (let replica = 0; replica < perWorkload; replica++) {
      snapshot.pods.push({ namespace: 'shop', name: `${app}-${replica}`, nodeName: snapshot.nodes[placed++ % nodes].name, labels: { app }, ownerKind: 'ReplicaSet', ownerName: app, startupSeconds: 25 + (replica % 3) * 10 });
    }
  }
  return snapshot;
}

function maxConcurrent(spans: NodeSpan[]): number {
  const edges = spans.flatMap((span) => [
    [span.drainStartAt, 1],
    [span.terminatedAt ?? Infinity, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, delta] of edges) most = Math.max(most, (open += delta));
  return most;
}

/** Replays pod events and returns the lowest (healthy − desired) each PDB reached. */
function lowestMargins(trace: SimulationTrace): number[] {
  const healthy = [...trace.pdbInitialHealthy];
  const margins = healthy.map((count, pdb) => count - trace.pdbDesired[pdb]);
  const isHealthy = trace.podPdbs.map((_, pod) => pod < trace.initialPods);
  for (const event of trace.events) {
    if (event.type === 'ready') {
      isHealthy[event.pod] = true;
      for (const pdb of trace.podPdbs[event.pod]) healthy[pdb]++;
    } else if ((event.type === 'evicted' || event.type === 'forced') && isHealthy[event.pod]) {
      isHealthy[event.pod] = false;
      for (const pdb of trace.podPdbs[event.pod]) {
        healthy[pdb]--;
        margins[pdb] = Math.min(margins[pdb], healthy[pdb] - trace.pdbDesired[pdb]);
      }
    }
  }
  return margins;
}

describe('node-group update model', () => {
  it('follows the EKS phases: surge, then drain, wait 60 s, terminate, node by node', () => {
    const snapshot = loadSnapshot('test/fixtures/simulate/small.json');
    const result = simulateNodeGroup(snapshot, 'general', SETTINGS);
    expect(result).toEqual({
      name: 'general',
      nodes: 2,
      zones: 2,
      maxUnavailable: '1',
      maxUnavailableNodes: 1,
      strategy: 'default',
      // Launch 180; node 1: web-a evicted at 180, web-b refused until web-a's replacement is ready at 200,
      // gone at 230, terminated 290; node 2: web-c gone at 320, terminated at 380.
      durationSeconds: 380,
      waves: 2,
      failed: false,
      blockers: [{ pod: 'shop/web-b', pdb: 'shop/web', node: 'ip-10-0-1-5', atSeconds: 180, outcome: 'Delayed', firstRefusedAtSeconds: 180, waitedSeconds: 20, reason: 'PDB shop/web needs 2 healthy pods and has 2' }],
      peakUnavailable: [{ workload: 'ReplicaSet shop/web-6d4f', pods: 3, peakUnavailable: 1 }],
      timeline: [
        { node: 'ip-10-0-1-5', zone: 'eu-west-1a', cordonAt: 180, drainStartAt: 180, drainedAt: 230, terminatedAt: 290 },
        { node: 'ip-10-0-2-7', zone: 'eu-west-1b', cordonAt: 180, drainStartAt: 290, drainedAt: 320, terminatedAt: 380 },
      ],
    });
  });

  it('starts draining at once with the minimal strategy, and may evict a pod twice', () => {
    // No surge: web-a's replacement lands on the second old node and is evicted again in wave 2.
    const result = simulateNodeGroup(loadSnapshot('test/fixtures/simulate/small.json'), 'general', { ...SETTINGS, strategy: 'minimal' });
    expect(result.timeline.map((span) => [span.drainStartAt, span.terminatedAt])).toEqual([
      [0, 110],
      [110, 220],
    ]);
  });

  it.each(['1', '2', '30%', '100%'])('never has more nodes out than maxUnavailable %s allows', (maxUnavailable) => {
    const result = simulateNodeGroup(cluster(20, 12, 6, { maxUnavailable: 1 }), 'general', { ...SETTINGS, maxUnavailable });
    expect(result.failed).toBe(false);
    expect(result.timeline).toHaveLength(20);
    expect(maxConcurrent(result.timeline)).toBe(result.maxUnavailableNodes);
    expect(result.maxUnavailableNodes).toBe({ '1': 1, '2': 2, '30%': 6, '100%': 20 }[maxUnavailable]);
    expect(result.waves).toBe(Math.ceil(20 / result.maxUnavailableNodes));
  });

  it('never lets a PDB drop below its budget unless forced', () => {
    const snapshot = cluster(9, 10, 7, { minAvailable: '80%' });
    const settings: SimulationSettings = { ...SETTINGS, maxUnavailable: '3' };
    const { result, trace } = traceNodeGroup(snapshot, 'general', settings);
    expect(result.failed).toBe(false);
    expect(result.blockers.some((blocker) => blocker.outcome === 'Delayed')).toBe(true);
    expect(Math.min(...lowestMargins(trace))).toBe(0);

    const blocking = cluster(3, 1, 3, { maxUnavailable: 0 });
    const forced = traceNodeGroup(blocking, 'general', { ...settings, force: true });
    expect(forced.result.failed).toBe(false);
    // All three nodes go in one wave, and each forced deletion takes one pod below the budget.
    expect(lowestMargins(forced.trace)).toEqual([-3]);
  });

  it('fails with PodEvictionFailure at exactly the eviction timeout after the drain starts', () => {
    const blocking = cluster(3, 1, 3, { maxUnavailable: 0 });
    const result = simulateNodeGroup(blocking, 'general', { ...SETTINGS, nodeLaunchSeconds: 100, evictionTimeoutSeconds: 300 });
    expect(result.failed).toBe(true);
    expect(result.durationSeconds).toBe(400);
    expect(result.blockers).toEqual([
      { pod: 'shop/app-0-0', pdb: 'shop/app-0', node: 'node-000', atSeconds: 400, outcome: 'PodEvictionFailure', firstRefusedAtSeconds: 100, reason: 'PDB shop/app-0 needs 3 healthy pods and has 3' },
    ]);
    expect(result.timeline).toEqual([{ node: 'node-000', zone: 'zone-0', cordonAt: 100, drainStartAt: 100, drainedAt: null, terminatedAt: null }]);
  });

  it('fails when a pod takes longer to terminate than the window, and forces it with --force', () => {
    const snapshot = cluster(2, 1, 2, { maxUnavailable: 1 });
    snapshot.pods[0].terminationGracePeriodSeconds = 1200;
    const failed = simulateNodeGroup(snapshot, 'general', SETTINGS);
    expect([failed.failed, failed.durationSeconds, failed.blockers[0].reason]).toEqual([true, 1080, 'terminationGracePeriodSeconds 1200 is longer than the 900 s eviction window']);
    const forced = simulateNodeGroup(snapshot, 'general', { ...SETTINGS, force: true });
    expect([forced.failed, forced.blockers[0].outcome, forced.timeline[0].drainedAt]).toEqual([false, 'Forced', 1080]);
  });
});
