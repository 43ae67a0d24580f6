// Typed queries over the API lifecycle rows: which row governs an apiVersion/kind.
import type { ApiRow } from './schema.js';

export class ApiIndex {
  readonly rows: readonly ApiRow[];
  private readonly byApi = new Map<string, ApiRow>();

  constructor(rows: readonly ApiRow[]) {
    this.rows = rows;
    for (const row of rows) this.byApi.set(indexKey(apiVersionOf(row), row.kind), row);
  }

  /** The lifecycle row for an object's apiVersion and kind, if that API was ever deprecated. */
  lookup(apiVersion: string, kind: string): ApiRow | undefined {
    return this.byApi.get(indexKey(apiVersion, kind));
  }
}

/** "networking.k8s.io/v1beta1", or "v1" for the core group. */
export function apiVersionOf(row: Pick<ApiRow, 'group' | 'version'>): string {
  return row.group ? `${row.group}/${row.version}` : row.version;
}

function indexKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}
