// Deterministic order and counts of findings, so every format prints the same thing twice.

import { SEVERITIES, type Finding, type Origin, type Severity } from '../core/types.js';
import { originName } from './labels.js';

// Origins a user edits come before the ones they can only observe.
const ORIGIN_TYPES: readonly Origin['type'][] = ['file', 'terraform', 'helm-release', 'cluster', 'eks'];

export function sortFindings(findings: Finding[]): Finding[] {
  // Each finding's sort key is worked out once, not once per comparison (a sort of the bench
  // estate's 38,000 findings made 700,000 comparisons, each naming both origins again).
  const keyed = findings.map(sortKey);
  keyed.sort(compareKeys);
  return keyed.map((key) => key.finding);
}

export function summarize(findings: Finding[]): Record<Severity, number> {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity] += 1;
  return summary;
}

interface SortKey {
  finding: Finding;
  severity: number;
  /** -1 without an origin: a finding about the whole estate (e.g. the version itself) leads. */
  originType: number;
  originName: string;
  line: number;
  column: number;
}

function sortKey(finding: Finding): SortKey {
  const origin = finding.origin;
  return {
    finding,
    severity: SEVERITIES.indexOf(finding.severity),
    originType: origin ? ORIGIN_TYPES.indexOf(origin.type) : -1,
    originName: origin ? originName(origin) : '',
    line: origin ? originLine(origin) : 0,
    column: origin ? originColumn(origin) : 0,
  };
}

function compareKeys(a: SortKey, b: SortKey): number {
  return (
    a.severity - b.severity ||
    a.originType - b.originType ||
    compareText(a.originName, b.originName) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.finding.id, b.finding.id) ||
    compareText(a.finding.resource?.kind, b.finding.resource?.kind) ||
    compareText(a.finding.resource?.namespace, b.finding.resource?.namespace) ||
    compareText(a.finding.resource?.name, b.finding.resource?.name) ||
    compareText(a.finding.message, b.finding.message)
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
