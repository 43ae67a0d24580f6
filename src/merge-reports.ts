// `upshift merge` as a library call: many clusters' JSON reports (upshift cluster -o json)
// as one fleet view, each finding still naming the cluster it came from; one finding per problem
// per place, as one scan of everything would give.
import { compareKubeVersions } from './core/kube-version.js';
import { UsageError } from './core/errors.js';
import { TOOL } from './core/tool.js';
import type { Finding, Report } from './core/types.js';
import { sortFindings, summarize } from './report/index.js';
import { parseReportDocument, type ReadReport } from './report/report-schema.js';
import { oneFindingPerPlace } from './report/one-per-place.js';
import { dueOf } from './report/due.js';

export interface NamedReport {
  /** Where the report was read, for messages. */
  path: string;
  text: string;
}

export function mergeReports(inputs: readonly NamedReport[]): Report {
  const reports = inputs.map(parseReport);
  const targets = new Set(reports.map(({ report }) => `${report.platform} ${report.target}`));
  if (targets.size > 1) {
    const listing = reports.map(({ path, report }) => `${path}: ${report.platform} ${report.target}`).join(', ');
    throw new UsageError(`the reports judge different targets (${listing}); rerun them with the same --target and --platform before merging`);
  }
  const findings: Finding[] = reports.flatMap(({ report }) => report.findings);
  const currents = reports.map(({ report }) => report.current).filter((current): current is string => typeof current === 'string');
  // The fleet is as far from the target as its oldest cluster.
  const oldest = currents.sort(compareKubeVersions)[0];
  const versions = { current: oldest, target: reports[0].report.target };
  const sorted = sortFindings(oneFindingPerPlace(findings, (finding) => dueOf(finding, versions).rank));
  const merged: Report = { tool: { ...TOOL }, platform: reports[0].report.platform, target: reports[0].report.target, findings: sorted, summary: summarize(sorted) };
  if (oldest) merged.current = oldest;
  // The fleet view is only as fresh as the oldest knowledge any of its reports was judged with.
  const knowledgeDate = reports.map(({ report }) => report.knowledgeDate).filter((date): date is string => date !== undefined).sort()[0];
  if (knowledgeDate) merged.knowledgeDate = knowledgeDate;
  return merged;
}

function parseReport(input: NamedReport): { path: string; report: ReadReport } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.text);
  } catch (error) {
    throw new UsageError(`${input.path}: not JSON (${(error as Error).message}); give reports written by upshift cluster -o json or upshift check -o json`);
  }
  const read = parseReportDocument(parsed);
  if ('problem' in read) {
    throw new UsageError(`${input.path}: not an upshift JSON report (${read.problem}); give reports written by upshift cluster -o json or upshift check -o json`);
  }
  return { path: input.path, report: read.report };
}
