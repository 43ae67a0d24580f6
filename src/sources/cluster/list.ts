// Lists one resource type page by page (limit/continue), restarting when the server says the
// continue token expired (410 Gone) without handing any object over twice.
import type { KubeObject } from '../../core/types.js';
import { ClusterAccessError, type Connection } from './connect.js';
import type { ServedResource } from './discovery.js';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Objects per page. */
  limit: number;
}

interface ListBody {
  metadata?: { continue?: string };
  items?: KubeObject[];
}

const MAX_RESTARTS = 3;

export async function listPages(
  connection: Connection,
  served: ServedResource,
  options: ListOptions,
  onPage: (items: KubeObject[]) => void,
): Promise<void> {
  const base = collectionPath(served, options.namespace);
  const action = `list ${served.resource}${served.group ? `.${served.group}` : ''}${options.namespace && served.namespaced ? ` in namespace ${options.namespace}` : ''}`;
  const seen = new Set<string>();
  let restarts = 0;
  let token: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(options.limit) });
    if (options.labelSelector) query.set('labelSelector', options.labelSelector);
    if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector);
    if (token) query.set('continue', token);
    let body: ListBody;
    try {
      body = JSON.parse(await connection.get(`${base}?${query}`, action)) as ListBody;
    } catch (error) {
      if (error instanceof ClusterAccessError && error.status === 410 && token && restarts < MAX_RESTARTS) {
        restarts++;
        token = undefined;
        continue;
      }
      throw error;
    }
    const fresh: KubeObject[] = [];
    for (const item of body.items ?? []) {
      const uid = (item.metadata as { uid?: unknown } | undefined)?.uid;
      if (typeof uid === 'string') {
        if (seen.has(uid)) continue;
        seen.add(uid);
      }
      // List items carry no apiVersion/kind of their own: the list's are theirs.
      item.apiVersion ??= served.apiVersion;
      item.kind ??= served.kind;
      fresh.push(item);
    }
    if (fresh.length > 0) onPage(fresh);
    token = body.metadata?.continue || undefined;
    if (!token) return;
  }
}

function collectionPath(served: ServedResource, namespace: string | undefined): string {
  const root = served.group ? `/apis/${served.apiVersion}` : `/api/${served.version}`;
  return namespace && served.namespaced ? `${root}/namespaces/${encodeURIComponent(namespace)}/${served.resource}` : `${root}/${served.resource}`;
}
