// How many threads or processes a scan may keep busy at once. Node 20's availableParallelism()
// counts the cores the process may be scheduled on, not the CPU quota of its cgroup: in a CI pod
// limited to 2 CPUs on a 64-core node it answers 64, and a scan would start 13 worker threads
// and 64 `helm template`s there, each throttled to a sliver of the quota, with the memory of all.
// (libuv, under Node, reads the quota only from 1.50 on; Node 20 ships 1.46.)
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const CGROUP_ROOT = '/sys/fs/cgroup';
// Read once: the scan asks each time it is handed more files.
let ownBudget: number | undefined;

/** The cores this process may use: availableParallelism(), capped by its cgroup's CPU quota. */
export function cpuBudget(cgroupRoot = CGROUP_ROOT, ownCgroups?: string): number {
  if (cgroupRoot === CGROUP_ROOT && ownBudget !== undefined) return ownBudget;
  const cores = availableParallelism();
  const quota = cgroupCpuQuota(cgroupRoot, ownCgroups);
  const budget = quota === undefined ? cores : Math.max(1, Math.min(cores, quota));
  if (cgroupRoot === CGROUP_ROOT) ownBudget = budget;
  return budget;
}

/**
 * The CPU quota of this process's cgroup, in whole CPUs rounded up (1.5 CPUs: 2), or undefined
 * when there is none or it cannot be read: the smallest quota of the cgroup and its ancestors
 * (each limits the processes under it), found where `ownCgroups` (the text of /proc/self/cgroup)
 * places it under the cgroup file systems mounted at `root`. cgroup v2 keeps it in cpu.max
 * ("150000 100000", or "max 100000" for none), v1 in cpu.cfs_quota_us (-1 for none) over
 * cpu.cfs_period_us. A container sees its own cgroup at the mount's top, even where
 * /proc/self/cgroup names the host's path for it (v1 without a cgroup namespace): the walk up
 * from a path that is not there ends at the top.
 */
export function cgroupCpuQuota(root: string, ownCgroups = readText('/proc/self/cgroup') ?? ''): number | undefined {
  // Lines of "hierarchy:controllers:path"; v2's has no controllers. (A path may hold a colon.)
  const entries = ownCgroups.split('\n').flatMap((line) => {
    const [hierarchy, controllers, ...path] = line.split(':');
    return hierarchy && controllers !== undefined && path.length > 0 ? [{ controllers: controllers.split(','), path: path.join(':') }] : [];
  });
  const pathOf = (controller: (controllers: string[]) => boolean) => entries.find((entry) => controller(entry.controllers))?.path ?? '/';
  const v2 = smallest(ancestors(root, pathOf((controllers) => controllers.join() === '')).map((dir) => {
    const [quota, period] = (readText(join(dir, 'cpu.max')) ?? '').split(/\s+/);
    return wholeCpus(quota, period);
  }));
  if (v2 !== undefined) return v2;
  const v1Path = pathOf((controllers) => controllers.includes('cpu'));
  return smallest(
    ['cpu', 'cpu,cpuacct', 'cpuacct,cpu'].flatMap((mount) =>
      ancestors(join(root, mount), v1Path).map((dir) => wholeCpus(readText(join(dir, 'cpu.cfs_quota_us')), readText(join(dir, 'cpu.cfs_period_us')))),
    ),
  );
}

/** The folders of the cgroup at `path` under the mount `top` and of its ancestors, up to `top`. */
function ancestors(top: string, path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, index) => join(top, ...parts.slice(0, parts.length - index))).concat(top);
}

function smallest(quotas: (number | undefined)[]): number | undefined {
  const known = quotas.filter((quota): quota is number => quota !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}

function wholeCpus(quota: string | undefined, period: string | undefined): number | undefined {
  const [micros, per] = [Number(quota), Number(period)];
  if (!Number.isFinite(micros) || !Number.isFinite(per) || micros <= 0 || per <= 0) return undefined;
  return Math.ceil(micros / per);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    // No such controller here (another cgroup version, or not Linux): no quota to read.
    return undefined;
  }
}
