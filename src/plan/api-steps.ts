// API migrations placed on the hop where they must happen, from the api-lifecycle findings:
// before the hop that removes an API, or between two hops when the replacement is not yet
// served at the current version.
import type { Finding, Origin } from '../core/types.js';
import type { Phase } from './types.js';

export interface PlacedMigration {
  hop: string;
  phase: Phase;
  items: string[];
  /** True when the old API is already gone at this point: only forward fixes remain. */
  oldApiGone: boolean;
}

/**
 * Groups migrations by hop and phase for an environment going through `hops` one minor at a
 * time. Anything that cannot be placed on one of them (already removed, no hop known) goes
 * before the first hop.
 */
export function placeMigrations(findings: readonly Finding[], hops: readonly string[]): PlacedMigration[] {
  const betweenHops = new Set(findings.filter((finding) => finding.id === 'api-replacement-unavailable').map(objectKey));
  const placed = new Map<string, PlacedMigration>();
  const place = (hop: string, phase: Phase, item: string, oldApiGone: boolean) => {
    const key = `${hop} ${phase}`;
    const entry = placed.get(key) ?? { hop, phase, items: [], oldApiGone };
    entry.items.push(item);
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
    } else if (finding.id === 'api-removed' && !betweenHops.has(objectKey(finding))) {
      const hop = String(details.hop ?? '');
      place(hops.includes(hop) ? hop : hops[0], 'before', describe(finding), !hops.includes(hop));
    }
  }
  return [...placed.values()].map((entry) => ({ ...entry, items: entry.items.sort() }));
}

/** Every migration at once, for a new cluster built directly at the target. */
export function allMigrations(findings: readonly Finding[]): string[] {
  const byObject = new Map<string, Finding>();
  for (const finding of findings) {
    if (finding.id !== 'api-removed' && finding.id !== 'api-replacement-unavailable') continue;
    if (!byObject.has(objectKey(finding))) byObject.set(objectKey(finding), finding);
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
  return `${resource?.kind ?? 'object'} ${name}: ${resource?.apiVersion ?? '?'}${replacement} (${locate(finding.origin)})`;
}

export function locate(origin: Origin | undefined): string {
  if (!origin) return 'unknown origin';
  if (origin.type === 'file' || origin.type === 'terraform') return `${origin.path}:${origin.line}`;
  if (origin.type === 'helm-release') return `release ${origin.namespace}/${origin.release}`;
  if (origin.type === 'eks') return `EKS cluster ${origin.cluster}`;
  return 'cluster';
}
