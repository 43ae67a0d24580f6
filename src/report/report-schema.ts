// The JSON report of CLI.md (`upshift check|cluster -o json`) as a schema, for reading reports
// back in (`upshift merge`): every reporter dereferences finding fields and origin paths, so a
// hand-edited or foreign file must be refused with its fault named, not crash a reporter.
import * as z from 'zod/mini';
import { locateIssue } from '../core/schema-issue.js';
import { SEVERITIES, type Finding, type Report } from '../core/types.js';

/** What merging needs of a report read back. */
export type ReadReport = Pick<Report, 'platform' | 'target' | 'current' | 'findings' | 'knowledgeDate'>;

const line = z.int().check(z.positive());

const originSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('file'), path: z.string(), line, column: line }),
  z.looseObject({ type: z.literal('terraform'), path: z.string(), line, column: z.optional(line) }),
  z.looseObject({ type: z.literal('helm-release'), release: z.string(), namespace: z.string() }),
  z.looseObject({ type: z.literal('cluster') }),
  z.looseObject({ type: z.literal('eks'), cluster: z.string() }),
], 'expected an origin whose type is file, terraform, helm-release, cluster or eks');

const findingSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  severity: z.enum(SEVERITIES as ['error', 'warning', 'info']),
  message: z.string(),
  resource: z.optional(z.looseObject({ apiVersion: z.string(), kind: z.string(), namespace: z.optional(z.string()), name: z.optional(z.string()) })),
  origin: z.optional(originSchema),
  // Several environments' copies of one problem at one place, made one (CLI.md).
  environments: z.optional(z.array(z.string().check(z.minLength(1)))),
  details: z.optional(z.record(z.string(), z.unknown())),
});

const reportSchema = z.looseObject({
  platform: z.string(),
  // null when the scan did not know the current version (CLI.md).
  current: z.optional(z.nullable(z.string().check(z.regex(/^\d+\.\d+$/, 'expected a version such as "1.28" or null')))),
  target: z.string().check(z.regex(/^\d+\.\d+$/, 'expected a version such as "1.33"')),
  findings: z.array(findingSchema),
  knowledgeDate: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as "2026-11-01"'))),
});

/** The report, or the first fault as "findings.3.severity: ..." (and how many more there are). */
export function parseReportDocument(data: unknown): { report: ReadReport } | { problem: string } {
  const result = z.safeParse(reportSchema, data);
  if (result.success) {
    const { platform, target, current, findings, knowledgeDate } = result.data;
    const report: ReadReport = { platform, target, findings: findings as Finding[] };
    if (current) report.current = current;
    if (knowledgeDate) report.knowledgeDate = knowledgeDate;
    return { report };
  }
  const [issue, ...others] = result.error.issues;
  const more = others.length > 0 ? ` (and ${others.length} more problems)` : '';
  return { problem: `${locateIssue(issue)}${more}` };
}
