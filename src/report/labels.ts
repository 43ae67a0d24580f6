// How a finding's parts read as short text, shared by the human and tabular formats.

import { displayPath } from '../core/display-path.js';
import { describeResource } from '../core/describe.js';
import type { Finding, Origin, Report, ResourceRef, Severity } from '../core/types.js';
import { originEnvironment } from '../core/origin-environment.js';

/** "Ingress shop/web", "ClusterRole admin", as messages name them; "" when there is no resource. */
export function resourceLabel(resource: ResourceRef | undefined): string {
  return resource ? describeResource(resource) : '';
}

/** What names an origin within its type: a path, "namespace/release", a context or cluster name. */
export function originName(origin: Origin, cwd?: string): string {
  switch (origin.type) {
    case 'file':
    case 'terraform':
      return displayPath(origin.path, cwd);
    case 'helm-release':
      return `${origin.namespace}/${origin.release}`;
    case 'cluster':
      return origin.context ?? '';
    case 'eks':
      return origin.cluster;
  }
}

/**
 * "apps/ingress.yaml:12", "infra/addons.tf:29 (staging)", "infra/helm.tf:4 (dev, prod)", "helm-release shop/web",
 * "cluster prod", or "" without an origin. `environments` are a merged finding's (Finding.environments).
 */
export function locationLabel(origin: Origin | undefined, cwd: string | undefined, environments?: readonly string[]): string {
  if (!origin) return environments?.length ? `(${environments.join(', ')})` : '';
  const name = originName(origin, cwd);
  const own = originEnvironment(origin);
  const envs = environments?.length ? environments : own !== undefined ? [own] : [];
  const place = origin.type === 'file' || origin.type === 'terraform' ? `${name}:${origin.line}` : name ? `${origin.type} ${name}` : origin.type;
  return envs.length > 0 ? `${place} (${envs.join(', ')})` : place;
}

/** A finding's location with the environments it holds in. */
export function findingLocationLabel(finding: Finding, cwd: string | undefined): string {
  return locationLabel(finding.origin, cwd, finding.environments);
}

/** "removedIn=1.22 replacement=networking.k8s.io/v1", in the order the check wrote them. */
export function detailsLabel(details: Finding['details']): string {
  return Object.entries(details ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${detailValue(value)}`)
    .join(' ');
}

/** "3 errors, 1 warning, 0 info". */
export function countsLabel(summary: Record<Severity, number>): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info`;
}

/** "knowledge dated 2026-11-01", or nothing for a report that does not say (e.g. built by a test or merged). */
export function knowledgeLabel(report: Report): string | undefined {
  return report.knowledgeDate ? `knowledge dated ${report.knowledgeDate}` : undefined;
}

/** What the human formats say instead of an empty table. */
export function noFindingsLabel(report: Report): string {
  return `No findings: no check reported anything for ${report.platform} ${report.target}.`;
}

/** "eks 1.28 → 1.34", or "eks → 1.34" when the current version is unknown. */
export function versionsLabel(report: Report): string {
  return [report.platform, report.current, '→', report.target].filter(Boolean).join(' ');
}

// Quoted only when needed, so the common case stays readable and "a b" cannot read as two pairs.
function detailValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
