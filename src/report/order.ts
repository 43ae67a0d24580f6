// Deterministic order and counts of findings, so every format prints the same thing twice.

import { SEVERITIES, type Finding, type Origin, type Severity } from '../core/types.js';
import { originName } from './labels.js';

// Origins a user edits come before the ones they can only observe.
const ORIGIN_TYPES: readonly Origin['type'][] = ['file', 'terraform', 'helm-release', 'cluster', 'eks'];

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function summarize(findings: Finding[]): Record<Severity, number> {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity] += 1;
  return summary;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    compareOrigins(a.origin, b.origin) ||
    compareText(a.id, b.id) ||
    compareText(a.resource?.kind, b.resource?.kind) ||
    compareText(a.resource?.namespace, b.resource?.namespace) ||
    compareText(a.resource?.name, b.resource?.name) ||
    compareText(a.message, b.message)
  );
}

// A finding without an origin is about the whole estate (e.g. the version itself), so it leads.
function compareOrigins(a: Origin | undefined, b: Origin | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return (
    ORIGIN_TYPES.indexOf(a.type) - ORIGIN_TYPES.indexOf(b.type) ||
    compareText(originName(a), originName(b)) ||
    originLine(a) - originLine(b) ||
    originColumn(a) - originColumn(b)
  );
}

function originLine(origin: Origin): number {
  return origin.type === 'file' || origin.type === 'terraform' ? origin.line : 0;
}

function originColumn(origin: Origin): number {
  return origin.type === 'file' || origin.type === 'terraform' ? (origin.column ?? 0) : 0;
}

// Code-unit order rather than localeCompare: the output must not depend on the machine's locale.
function compareText(a: string | undefined, b: string | undefined): number {
  const left = a ?? '';
  const right = b ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}
