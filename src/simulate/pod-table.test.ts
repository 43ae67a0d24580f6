// The run's pod table: the group's pods running and healthy, replacements running and not ready,
// and every field kept when replacements outgrow the first capacity.
import { describe, expect, it } from 'vitest';
import { LEFT, PodTable, RUNNING } from './pod-table.js';

describe('pod table', () => {
  it('starts the group pods running and healthy, and keeps every field through growth', () => {
    const pods = new PodTable(3);
    pods.addRunning(Int32Array.of(40, 41), 7);
    pods.phase[0] = LEFT;
    pods.retryAt[1] = 95;
    pods.blocker[1] = 0;
    const added = [pods.add(41, 7), pods.add(41, 9), pods.add(12, 9)];
    expect(added).toEqual([2, 3, 4]);
    expect(pods.length).toBe(5);
    expect(Array.from(pods.origin.subarray(0, 5))).toEqual([40, 41, 41, 41, 12]);
    expect(Array.from(pods.node.subarray(0, 5))).toEqual([7, 7, 7, 9, 9]);
    expect(Array.from(pods.phase.subarray(0, 5))).toEqual([LEFT, RUNNING, RUNNING, RUNNING, RUNNING]);
    expect(Array.from(pods.healthy.subarray(0, 5))).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(pods.retryAt.subarray(0, 5))).toEqual([-1, 95, -1, -1, -1]);
    expect(Array.from(pods.blocker.subarray(0, 5))).toEqual([-1, 0, -1, -1, -1]);
  });
});
