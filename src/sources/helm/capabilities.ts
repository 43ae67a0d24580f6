// `.Capabilities` for a target version: what `helm template --kube-version X
// --api-versions ...` would give, with the API versions derived from the knowledge base
// (every Kubernetes API not removed at the target, and every replacement already served).
import { compareKubeVersions } from '../../core/kube-version.js';
import { apiVersionOf } from '../../knowledge/apis.js';
import type { Knowledge } from '../../knowledge/load.js';

export interface Capabilities {
  KubeVersion: { Version: string; GitVersion: string; Major: string; Minor: string };
  APIVersions: { Has(apiVersion: unknown): boolean; list: readonly string[] };
  HelmVersion: { Version: string };
}

/** "group/version" and "group/version/Kind" entries served at `target` ("1.33"). */
export function servedApiVersions(knowledge: Knowledge, target: string): string[] {
  const served = new Set<string>(['v1']);
  for (const row of knowledge.apis.rows) {
    if (row.component !== 'kubernetes') continue;
    if (row.removedIn === null || compareKubeVersions(row.removedIn, target) > 0) {
      served.add(apiVersionOf(row));
      served.add(`${apiVersionOf(row)}/${row.kind}`);
    }
    if (row.replacement && (row.replacementAvailableIn === null || compareKubeVersions(row.replacementAvailableIn, target) <= 0)) {
      served.add(row.replacement);
      served.add(`${row.replacement}/${row.kind}`);
    }
  }
  return [...served].sort();
}

export function capabilitiesFor(knowledge: Knowledge, target: string): Capabilities {
  const [major, minor] = target.split('.');
  const version = `v${major}.${minor}.0`;
  const list = servedApiVersions(knowledge, target);
  const served = new Set(list);
  return {
    KubeVersion: { Version: version, GitVersion: version, Major: major, Minor: minor },
    APIVersions: { Has: (apiVersion) => typeof apiVersion === 'string' && served.has(apiVersion), list },
    HelmVersion: { Version: 'v3.16.0' },
  };
}
