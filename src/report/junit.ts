// -o junit: JUnit XML, so CI systems show findings as failed tests without a SARIF viewer.

import type { Finding, Report } from '../core/types.js';
import { detailsLabel, findingLocationLabel, resourceLabel } from './labels.js';
import { sortFindings } from './order.js';
import type { ReportOptions } from './reporter.js';

// Errors and warnings fail their test case; info findings pass with the advice as output.
export function* junit(report: Report, options: ReportOptions): Generator<string> {
  const findings = sortFindings(report.findings);
  const failures = findings.filter((finding) => finding.severity !== 'info').length;
  const tests = Math.max(findings.length, 1);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="upshift" tests="${tests}" failures="${failures}" errors="0">\n`;
  if (findings.length === 0) yield '  <testcase classname="upshift" name="upshift check"/>\n';
  for (const finding of findings) yield `${testcase(finding, options.cwd)}\n`;
  yield '</testsuite>\n';
}

function testcase(finding: Finding, cwd: string | undefined): string {
  const open = `  <testcase classname="${escapeAttribute(finding.id)}" name="${escapeAttribute(testcaseName(finding, cwd))}">`;
  const details = detailsLabel(finding.details);
  const text = escapeText(details ? `${finding.message}\n${details}` : finding.message);
  const body = finding.severity === 'info'
    ? `    <system-out>${text}</system-out>`
    : `    <failure message="${escapeAttribute(finding.message)}" type="${finding.severity}">${text}</failure>`;
  return [open, body, '  </testcase>'].join('\n');
}

// "Ingress shop/web at apps/ingress.yaml:12"; the message when there is neither resource nor origin.
function testcaseName(finding: Finding, cwd: string | undefined): string {
  const parts = [resourceLabel(finding.resource), findingLocationLabel(finding, cwd)].filter(Boolean);
  return parts.length > 0 ? parts.join(' at ') : finding.message;
}

// Characters XML 1.0 cannot hold at all (control characters other than tab and line breaks)
// are dropped rather than making the whole document invalid.
function escapeText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// Whitespace becomes character references because attribute normalization turns it into spaces.
function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
