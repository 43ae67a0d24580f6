// Which apiVersion an object moves to: follow the knowledge rows' replacements until one is
// still served at the target (flowcontrol v1beta1 → v1beta2 → v1 when the target is 1.29+).
import { compareKubeVersions } from '../core/kube-version.js';
import type { Knowledge } from '../knowledge/load.js';
import type { ApiRow } from '../knowledge/schema.js';

const API_VERSION = /^(?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v\d+(?:(?:alpha|beta)\d+)?$/;

export function replacementServedAt(row: ApiRow, kind: string, knowledge: Knowledge, target: string): string | undefined {
  let current = row;
  for (let step = 0; step < 8; step++) {
    const candidate = current.replacement?.trim();
    if (!candidate || !API_VERSION.test(candidate)) return undefined;
    if (current.component === 'kubernetes' && current.replacementAvailableIn && compareKubeVersions(current.replacementAvailableIn, target) > 0) return undefined;
    const next = knowledge.apis.lookup(candidate, kind);
    if (!next || !isRemovedAt(next, target)) return candidate;
    current = next;
  }
  return undefined;
}

/** Ecosystem rows count in their component's own releases; without a pin, their newest. */
function isRemovedAt(row: ApiRow, target: string): boolean {
  if (row.removedIn === null) return false;
  return row.component !== 'kubernetes' || compareKubeVersions(row.removedIn, target) <= 0;
}
