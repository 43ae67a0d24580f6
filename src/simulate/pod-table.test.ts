// The run's pod table: the group's pods running and healthy with their snapshot entry's
// budget, workload and timings; replacements running, not ready, with the same; every field
// kept when replacements outgrow the first capacity.
import { describe, expect, it } from 'vitest';
import { prepareCluster } from './cluster.js';
import { LEFT, PodTable, RUNNING } from './pod-table.js';
import { loadSnapshot } from './snapshot.js';

describe('pod table', () => {
  it('copies each pod from the snapshot, and each replacement from its pod, through growth', () => {
    // small.json: web-a, web-b (PDB 0, startup 20) and the node agent (a DaemonSet pod, grace 600) on ip-10-0-1-5.
    const cluster = prepareCluster(loadSnapshot('test/fixtures/simulate/small.json'));
    const pods = new PodTable(cluster, 2);
    pods.addRunning(cluster.nodePodList.subarray(cluster.nodePodStart[0], cluster.nodePodStart[1]), 0);
    pods.copyOrigins();
    pods.phase[0] = LEFT;
    pods.retryAt[1] = 95;
    pods.blocker[1] = 0;
    pods.node[1] = 4;
    const added = [pods.addReplacement(1), pods.addReplacement(2), pods.addReplacement(0)];
    expect(added).toEqual([3, 4, 5]);
    expect(pods.length).toBe(6);
    const column = (values: ArrayLike<number>) => Array.from(values).slice(0, 6);
    expect(column(pods.origin)).toEqual([0, 1, 3, 1, 3, 0]);
    expect(column(pods.node)).toEqual([0, 4, 0, 4, 0, 0]);
    expect(column(pods.phase)).toEqual([LEFT, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING]);
    expect(column(pods.healthy)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(column(pods.retryAt)).toEqual([-1, 95, -1, -1, -1, -1]);
    expect(column(pods.blocker)).toEqual([-1, 0, -1, -1, -1, -1]);
    expect(column(pods.budget)).toEqual([0, 0, -1, 0, -1, 0]);
    expect(column(pods.workload)).toEqual([0, 0, 1, 0, 1, 0]);
    expect(column(pods.daemon)).toEqual([0, 0, 1, 0, 1, 0]);
    expect(column(pods.graceSeconds)).toEqual([30, 30, 600, 30, 600, 30]);
    expect(column(pods.startupSeconds)).toEqual([20, 20, NaN, 20, NaN, 20]);
  });
});
