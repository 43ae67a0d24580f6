import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cgroupCpuQuota, cpuBudget } from './cpu-budget.js';

const temp = mkdtempSync(join(tmpdir(), 'upshift-cgroup-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A cgroup mount with these files (path under the root: text), as a container sees its own. */
function cgroupRoot(name: string, files: Record<string, string>): string {
  const root = join(temp, name);
  mkdirSync(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const V2 = '0::/\n';
const V1 = '4:memory:/\n1:cpu,cpuacct:/\n0::/\n';

describe('the CPU quota of a cgroup', () => {
  it.each([
    ['v2, 2 CPUs', V2, { 'cpu.max': '200000 100000\n' }, 2],
    ['v2, 1.5 CPUs, rounded up', V2, { 'cpu.max': '150000 100000\n' }, 2],
    ['v2, a quarter of a CPU', V2, { 'cpu.max': '25000 100000\n' }, 1],
    ['v2, no quota', V2, { 'cpu.max': 'max 100000\n' }, undefined],
    ['v2, a service below the top, its parent the tighter', '0::/system.slice/ci.service\n', { 'system.slice/ci.service/cpu.max': '400000 100000', 'system.slice/cpu.max': '300000 100000', 'cpu.max': 'max 100000' }, 3],
    ['v2, a path with a colon', '0::/ci:job\n', { 'ci:job/cpu.max': '100000 100000' }, 1],
    ['v1, 3 CPUs', V1, { 'cpu/cpu.cfs_quota_us': '300000\n', 'cpu/cpu.cfs_period_us': '100000\n' }, 3],
    ['v1 under cpu,cpuacct, half a CPU', V1, { 'cpu,cpuacct/cpu.cfs_quota_us': '50000\n', 'cpu,cpuacct/cpu.cfs_period_us': '100000\n' }, 1],
    ['v1, a cgroup below the top', '1:cpu:/runner/job-7\n', { 'cpu/runner/job-7/cpu.cfs_quota_us': '200000', 'cpu/runner/job-7/cpu.cfs_period_us': '100000', 'cpu/cpu.cfs_quota_us': '-1', 'cpu/cpu.cfs_period_us': '100000' }, 2],
    // A container without its own cgroup namespace: /proc/self/cgroup names the host's path, the mount shows its cgroup at the top.
    ['v1, the host path of a container', '1:cpu,cpuacct:/docker/0123abcd\n', { 'cpu,cpuacct/cpu.cfs_quota_us': '150000', 'cpu,cpuacct/cpu.cfs_period_us': '100000' }, 2],
    ['v1, no quota', V1, { 'cpu/cpu.cfs_quota_us': '-1\n', 'cpu/cpu.cfs_period_us': '100000\n' }, undefined],
    ['v1 without its period', V1, { 'cpu/cpu.cfs_quota_us': '300000\n' }, undefined],
    ['neither version', V2, { 'memory.max': 'max\n' }, undefined],
    ['an empty file', V2, { 'cpu.max': '' }, undefined],
    ['no /proc/self/cgroup', '', { 'cpu.max': '200000 100000' }, 2],
  ])('%s', (name, ownCgroups, files, expected) => {
    expect(cgroupCpuQuota(cgroupRoot(name.replace(/\W+/g, '-'), files), ownCgroups)).toBe(expected);
  });

  it('caps the cores, never raises them, and is the cores where there is no cgroup', () => {
    expect(cpuBudget(cgroupRoot('one', { 'cpu.max': '100000 100000' }), V2)).toBe(1);
    expect(cpuBudget(cgroupRoot('many', { 'cpu.max': '100000000 100000' }), V2)).toBe(availableParallelism());
    expect(cpuBudget(join(temp, 'missing'), V2)).toBe(availableParallelism());
  });
});
