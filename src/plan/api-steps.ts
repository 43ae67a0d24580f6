// API migrations placed on the hop where they must happen, from the api-lifecycle findings:
// before the hop that removes an API (or a field the object sets), or between two hops when the
// replacement is not yet served at the current version.
import type { Finding, Origin } from '../core/types.js';
import type { Phase } from './types.js';

export interface PlacedMigration {
  hop: string;
  phase: Phase;
  items: string[];
  /** True when the old API is already gone at this point: only forward fixes remain. */
  oldApiGone: boolean;
  /** Whether items include apiVersions (which `upshift fix` rewrites) and fields (changed by hand: field-removed). */
  hasApis: boolean;
  hasFields: boolean;
}

/**
 * Groups migrations by hop and phase for an environment going through `hops` one minor at a
 * time. Anything that cannot be placed on one of them (already removed, no hop known) goes
 * before the first hop.
 */
export function placeMigrations(findings: readonly Finding[], hops: readonly string[]): PlacedMigration[] {
  const betweenHops = new Set(findings.filter((finding) => finding.id === 'api-replacement-unavailable').map(objectKey));
  const placed = new Map<string, PlacedMigration>();
  const place = (hop: string, phase: Phase, item: string, oldApiGone: boolean, isField = false) => {
    const key = `${hop} ${phase}`;
    const entry = placed.get(key) ?? { hop, phase, items: [], oldApiGone, hasApis: false, hasFields: false };
    entry.items.push(item);
    if (isField) entry.hasFields = true;
    else entry.hasApis = true;
    placed.set(key, entry);
  };
  for (const finding of findings) {
    const details = finding.details ?? {};
    if (finding.id === 'api-replacement-unavailable') {
      const after = String(details.migrateAfterHop ?? '');
      const before = String(details.migrateBeforeHop ?? '');
      if (!hops.includes(after)) place(hops[0], 'before', describe(finding), false);
      else if (after === before) place(after, 'during', describe(finding), true);
      else place(after, 'after', describe(finding), false);
    } else if ((finding.id === 'api-removed' && !betweenHops.has(objectKey(finding))) || finding.id === 'field-removed') {
      const hop = String(details.hop ?? '');
      place(hops.includes(hop) ? hop : hops[0], 'before', describe(finding), !hops.includes(hop), finding.id === 'field-removed');
    }
  }
  return [...placed.values()].map((entry) => ({ ...entry, items: entry.items.sort() }));
}

/** Every migration at once, for a new cluster built directly at the target. */
export function allMigrations(findings: readonly Finding[]): string[] {
  const byObject = new Map<string, Finding>();
  for (const finding of findings) {
    if (finding.id !== 'api-removed' && finding.id !== 'api-replacement-unavailable' && finding.id !== 'field-removed') continue;
    // An object on a removed API may also set a removed field: both changes are listed.
    const key = finding.id === 'field-removed' ? `${objectKey(finding)} ${String(finding.details?.field)}` : objectKey(finding);
    if (!byObject.has(key)) byObject.set(key, finding);
  }
  return [...byObject.values()].map(describe).sort();
}

function objectKey(finding: Finding): string {
  const resource = finding.resource;
  return `${resource?.kind}/${resource?.namespace ?? ''}/${resource?.name ?? ''}@${locate(finding.origin)}`;
}

function describe(finding: Finding): string {
  const resource = finding.resource;
  const name = resource?.namespace ? `${resource.namespace}/${resource.name}` : resource?.name ?? '(unnamed)';
  const replacement = finding.details?.replacement ? ` → ${String(finding.details.replacement)}` : '';
  if (finding.id === 'field-removed') return `${resource?.kind ?? 'object'} ${name}: ${String(finding.details?.label)}${replacement} (${locate(finding.origin)})`;
  return `${resource?.kind ?? 'object'} ${name}: ${resource?.apiVersion ?? '?'}${replacement} (${locate(finding.origin)})`;
}

export function locate(origin: Origin | undefined): string {
  if (!origin) return 'unknown origin';
  if (origin.type === 'file' || origin.type === 'terraform') return `${origin.path}:${origin.line}`;
  if (origin.type === 'helm-release') return `release ${origin.namespace}/${origin.release}`;
  if (origin.type === 'eks') return `EKS cluster ${origin.cluster}`;
  return 'cluster';
}
