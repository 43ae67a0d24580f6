// -o csv: one row per finding for spreadsheets and ad-hoc scripts (RFC 4180 quoting).

import type { Finding, Report } from '../core/types.js';
import { originName } from './labels.js';
import { environmentsOf } from './one-per-place.js';
import { sortFindings } from './order.js';
import type { ReportOptions } from './reporter.js';

// environments last, after the columns earlier versions printed, so scripts reading them by position still work.
const HEADER = ['severity', 'id', 'kind', 'namespace', 'name', 'apiVersion', 'origin', 'path', 'line', 'column', 'message', 'environments'];

export function* csv(report: Report, options: ReportOptions): Generator<string> {
  yield csvLine(HEADER);
  for (const finding of sortFindings(report.findings)) yield csvLine(csvRow(finding, options.cwd));
}

function csvLine(cells: string[]): string {
  return `${cells.map(quote).join(',')}\n`;
}

// For a Helm release, cluster or EKS origin, "path" holds its name (namespace/release, context, cluster).
function csvRow(finding: Finding, cwd: string | undefined): string[] {
  const { resource, origin } = finding;
  const located = origin?.type === 'file' || origin?.type === 'terraform' ? origin : undefined;
  return [
    finding.severity,
    finding.id,
    resource?.kind ?? '',
    resource?.namespace ?? '',
    resource?.name ?? '',
    resource?.apiVersion ?? '',
    origin?.type ?? '',
    origin ? originName(origin, cwd) : '',
    located ? String(located.line) : '',
    located?.column !== undefined ? String(located.column) : '',
    finding.message,
    environmentsOf(finding).join(' '),
  ];
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
