// -o markdown: a report to paste into a pull request, an issue or a wiki page.

import { SEVERITIES, type Finding, type Report, type Severity } from '../core/types.js';
import { countsLabel, findingLocationLabel, noFindingsLabel, resourceLabel, versionsLabel } from './labels.js';
import { sortFindings } from './order.js';
import type { ReportOptions } from './reporter.js';

const SECTION_TITLES: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

export function* markdown(report: Report, options: ReportOptions): Generator<string> {
  const findings = sortFindings(report.findings);
  const blocks = ['# upshift report', versionsLabel(report)];
  if (findings.length === 0) blocks.push(noFindingsLabel(report));
  else blocks.push(countsLabel(report.summary));
  if (report.knowledgeDate) blocks.push(`_Knowledge base dated ${report.knowledgeDate}._`);
  yield blocks.join('\n\n');
  for (const severity of SEVERITIES) {
    const section = findings.filter((finding) => finding.severity === severity);
    if (section.length === 0) continue;
    yield `\n\n## ${SECTION_TITLES[severity]} (${section.length})\n\n| id | resource | location | message |\n| --- | --- | --- | --- |`;
    for (const finding of section) yield `\n${sectionRow(finding, options)}`;
  }
  yield '\n';
}

function sectionRow(finding: Finding, options: ReportOptions): string {
  const cells = [finding.id, resourceLabel(finding.resource), findingLocationLabel(finding, options.cwd), finding.message];
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

// A backslash is escaped first so that a cell ending in one cannot swallow the closing pipe;
// "<" so that text like <none> is not taken for an HTML tag and hidden.
function escapeCell(text: string): string {
  if (text === '') return '-';
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\r\n|\r|\n/g, '<br>');
}
