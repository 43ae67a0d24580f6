// The current version when --current is not given: the lowest control-plane version among
// the environments that infrastructure code describes (upgrades are planned from the
// furthest-behind cluster), and notes where a node group's version differs from its
// control plane's.
import { compareKubeVersions, minorOf, parseKubeVersion } from '../core/kube-version.js';
import type { Origin } from '../core/types.js';
import type { EnvironmentFact } from '../checks/types.js';

export interface InferredVersion {
  version: string;
  environment: string;
  origin?: Origin;
}

export function lowestClusterVersion(environments: readonly EnvironmentFact[]): InferredVersion | undefined {
  let lowest: InferredVersion | undefined;
  for (const environment of environments) {
    const version = environment.clusterVersion && parseKubeVersion(environment.clusterVersion);
    if (!version) continue;
    const minor = minorOf(version);
    if (!lowest || compareKubeVersions(minor, lowest.version) < 0) {
      lowest = { version: minor, environment: environment.name, ...(environment.origin ? { origin: environment.origin } : {}) };
    }
  }
  return lowest;
}

/** "staging-2: node group general-1-27 runs 1.27, the control plane 1.28 (infra/...:5)". */
export function versionDisagreements(environments: readonly EnvironmentFact[]): string[] {
  const notes: string[] = [];
  for (const environment of environments) {
    const cluster = environment.clusterVersion && parseKubeVersion(environment.clusterVersion);
    if (!cluster) continue;
    for (const group of environment.nodeGroups) {
      const version = group.version && parseKubeVersion(group.version);
      if (!version || compareKubeVersions(minorOf(version), minorOf(cluster)) === 0) continue;
      const where = group.origin && 'path' in group.origin ? ` (${group.origin.path}:${group.origin.line})` : '';
      notes.push(`${environment.name}: node group ${group.name} runs ${minorOf(version)} while the control plane runs ${minorOf(cluster)}${where}`);
    }
  }
  return notes;
}
