// The current version when --current is not given: the lowest control-plane version among
// the environments that infrastructure code describes (upgrades are planned from the
// furthest-behind cluster), and notes where a node group's version differs from its
// control plane's, or two sources give one environment different control-plane versions.
import { compareKubeVersions, minorOf, parseKubeVersion } from '../core/kube-version.js';
import type { Origin } from '../core/types.js';
import type { EnvironmentFact } from '../core/inventory.js';

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

/**
 * "production: the control plane runs 1.28 per infra/...tfvars:2 but 1.29 per infra/eksctl/cluster.yaml:10",
 * "staging-2: node group general-1-27 runs 1.27 while the control plane runs 1.28 (infra/...:85)".
 */
export function versionDisagreements(environments: readonly EnvironmentFact[]): string[] {
  const notes: string[] = [];
  const byName = new Map<string, EnvironmentFact[]>();
  for (const environment of environments) byName.set(environment.name, [...(byName.get(environment.name) ?? []), environment]);
  for (const [name, described] of byName) {
    const sources = described.flatMap((environment) => {
      const version = environment.clusterVersion && parseKubeVersion(environment.clusterVersion);
      return version ? [{ minor: minorOf(version), origin: environment.origin }] : [];
    });
    if (new Set(sources.map((source) => source.minor)).size < 2) continue;
    notes.push(`${name}: the control plane runs ${sources.map((source) => `${source.minor} per ${where(source.origin)}`).join(' but ')}`);
  }
  for (const environment of environments) {
    const cluster = environment.clusterVersion && parseKubeVersion(environment.clusterVersion);
    if (!cluster) continue;
    for (const group of environment.nodeGroups) {
      const version = group.version && parseKubeVersion(group.version);
      if (!version || compareKubeVersions(minorOf(version), minorOf(cluster)) === 0) continue;
      const at = group.origin && 'path' in group.origin ? ` (${where(group.origin)})` : '';
      notes.push(`${environment.name}: node group ${group.name} runs ${minorOf(version)} while the control plane runs ${minorOf(cluster)}${at}`);
    }
  }
  return notes;
}

function where(origin: Origin | undefined): string {
  if (!origin) return 'a source without a location';
  return 'path' in origin ? `${origin.path}:${origin.line}` : origin.type;
}
