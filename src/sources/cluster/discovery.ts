// Which resources the API server serves, from /api and /apis: the group/version/resource to
// list for each kind, so that every object is listed once, through the version the server prefers.
import { mapLimit } from './map-limit.js';
import type { Connection } from './connect.js';

export interface ServedResource {
  group: string;
  version: string;
  /** "apps/v1", or "v1" for the core group. */
  apiVersion: string;
  /** Plural resource name, as URLs and RBAC spell it: "deployments". */
  resource: string;
  kind: string;
  namespaced: boolean;
  /** True when this is the group's preferred version. */
  preferred: boolean;
}

export interface Discovery {
  resources: ServedResource[];
}

interface ApiGroupList {
  groups?: { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion?: { version: string } }[];
}

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

export async function discover(connection: Connection): Promise<Discovery> {
  const core = JSON.parse(await connection.get('/api', 'discover the core API (GET /api)')) as { versions?: string[] };
  const groups = (JSON.parse(await connection.get('/apis', 'discover API groups (GET /apis)')) as ApiGroupList).groups ?? [];
  const versions = [
    ...(core.versions ?? []).map((version) => ({ group: '', version, preferred: version === 'v1' })),
    ...groups.flatMap((group) =>
      group.versions.map((entry) => ({ group: group.name, version: entry.version, preferred: entry.version === group.preferredVersion?.version })),
    ),
  ];
  const lists = await mapLimit(versions, 8, async ({ group, version, preferred }) => {
    const apiVersion = group ? `${group}/${version}` : version;
    const path = group ? `/apis/${apiVersion}` : `/api/${version}`;
    let body: string;
    try {
      body = await connection.get(path, `discover ${apiVersion} (GET ${path})`);
    } catch (error) {
      // An aggregated API whose backing service is down answers 503; the rest still counts.
      if ((error as { status?: number }).status === 503) return [];
      throw error;
    }
    return ((JSON.parse(body) as ApiResourceList).resources ?? [])
      .filter((entry) => !entry.name.includes('/') && (entry.verbs ?? ['list']).includes('list'))
      .map((entry) => ({ group, version, apiVersion, resource: entry.name, kind: entry.kind, namespaced: entry.namespaced, preferred }));
  });
  return { resources: lists.flat() };
}

// The same stored objects are served under an old group as well as their own
// (extensions/v1beta1 Ingress is networking.k8s.io Ingress; events.k8s.io Event is core Event).
const ALIAS_GROUPS = new Set(['extensions', 'events.k8s.io']);

/** One resource to list per kind: the preferred version of the group serving it, never an alias group when another serves the kind. */
export function listTargets(discovery: Discovery, kinds: ReadonlySet<string>): ServedResource[] {
  const byKind = new Map<string, ServedResource[]>();
  for (const served of discovery.resources) {
    if (!kinds.has(served.kind)) continue;
    const list = byKind.get(served.kind) ?? [];
    list.push(served);
    byKind.set(served.kind, list);
  }
  const targets: ServedResource[] = [];
  for (const candidates of byKind.values()) {
    const ownGroups = candidates.filter((served) => !ALIAS_GROUPS.has(served.group));
    const pool = ownGroups.length > 0 ? ownGroups : candidates;
    const byGroup = new Map<string, ServedResource[]>();
    for (const served of pool) byGroup.set(served.group, [...(byGroup.get(served.group) ?? []), served]);
    for (const versions of byGroup.values()) targets.push(versions.find((served) => served.preferred) ?? versions[0]);
  }
  return targets;
}

/** Whether objects of this kind live in namespaces, as the server says. */
export function namespacedKinds(discovery: Discovery): Map<string, boolean> {
  const namespaced = new Map<string, boolean>();
  for (const served of discovery.resources) if (!namespaced.has(served.kind)) namespaced.set(served.kind, served.namespaced);
  return namespaced;
}
