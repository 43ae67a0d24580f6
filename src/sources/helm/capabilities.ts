// `.Capabilities` for a target version: what `helm template --kube-version X --api-versions ...`
// gives a chart. APIVersions holds what the target's API server serves by default: the
// built-in kinds of data/served-apis.yaml introduced by the target, on without
// --runtime-config, and removed neither in k8s.io/api nor in data/apis.yaml by then.
import { compareKubeVersions } from '../../core/kube-version.js';
import { apiVersionOf } from '../../knowledge/apis.js';
import type { Knowledge } from '../../knowledge/load.js';

/** Helm's chartutil.VersionSet: a list of "group/version" and "group/version/Kind" that answers Has. */
export type VersionSet = readonly string[] & { Has(apiVersion: unknown): boolean };

export interface Capabilities {
  KubeVersion: { Version: string; GitVersion: string; Major: string; Minor: string };
  APIVersions: VersionSet;
  HelmVersion: { Version: string; GitCommit: string; GitTreeState: string; GoVersion: string };
}

/**
 * The helm release whose `.Capabilities.HelmVersion` upshift gives charts: the helm 3 of the
 * conformance harness (a chart comparing it with semverCompare sees a current helm 3).
 */
const HELM_VERSION = { Version: 'v3.17.3', GitCommit: 'e4da49785aa6e6ee2b86efd5dd9e43400318262b', GitTreeState: 'clean', GoVersion: 'go1.23.7' };

// Worked out once per knowledge base and target: a scan asks for every chart it renders, and each
// answer compared the versions of some 300 rows (0.24 ms; 11 ms of prometheus-community/helm-charts'
// 46 charts).
const servedByKnowledge = new WeakMap<Knowledge, Map<string, readonly string[]>>();

/** "group/version" and "group/version/Kind" entries the target ("1.33") serves by default, sorted; a list of the caller's own. */
export function servedApiVersions(knowledge: Knowledge, target: string): string[] {
  let byTarget = servedByKnowledge.get(knowledge);
  if (!byTarget) servedByKnowledge.set(knowledge, (byTarget = new Map()));
  let list = byTarget.get(target);
  if (!list) byTarget.set(target, (list = workOutServed(knowledge, target)));
  return [...list];
}

function workOutServed(knowledge: Knowledge, target: string): string[] {
  const removed = new Map<string, string>();
  for (const row of knowledge.apis.rows) {
    if (row.component === 'kubernetes' && row.removedIn !== null) removed.set(`${apiVersionOf(row)}/${row.kind}`, row.removedIn);
  }
  const servedBy = (removedIn: string | null | undefined) => removedIn === null || removedIn === undefined || compareKubeVersions(removedIn, target) > 0;
  const served = new Set<string>();
  for (const row of knowledge.servedApis) {
    if (!row.defaultOn || compareKubeVersions(row.introducedIn, target) > 0 || !servedBy(row.removedIn)) continue;
    const apiVersion = apiVersionOf(row);
    if (!servedBy(removed.get(`${apiVersion}/${row.kind}`))) continue;
    served.add(apiVersion);
    served.add(`${apiVersion}/${row.kind}`);
  }
  // Code-unit order, so the list (and helm's --api-versions) does not depend on the locale.
  return [...served].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A VersionSet of `list`: an array, so templates can range over it, with Helm's Has method. */
export function versionSet(list: readonly string[]): VersionSet {
  const entries = new Set(list);
  const set = [...list];
  // Not enumerable: toJson and range see only the entries, as in Go.
  Object.defineProperty(set, 'Has', { value: (apiVersion: unknown) => typeof apiVersion === 'string' && entries.has(apiVersion), enumerable: false });
  return set as unknown as VersionSet;
}

/** `extra`: the user's --api-versions, added to what the target serves as helm adds them to its defaults. */
export function capabilitiesFor(knowledge: Knowledge, target: string, extra: readonly string[] = []): Capabilities {
  const [major, minor] = target.split('.');
  const version = `v${major}.${minor}.0`;
  const list = servedApiVersions(knowledge, target);
  for (const apiVersion of extra) if (!list.includes(apiVersion)) list.push(apiVersion);
  return {
    KubeVersion: { Version: version, GitVersion: version, Major: major, Minor: minor },
    APIVersions: versionSet(list),
    HelmVersion: { ...HELM_VERSION },
  };
}
