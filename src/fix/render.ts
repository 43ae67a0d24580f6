// How `upshift fix` prints: a unified diff (git apply / patch -p1 can take it), the list of
// what a person must do (stderr, so the diff stays a clean patch), or JSON.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { FixReport, ManualMigration } from './report-types.js';

export function renderDiff(report: FixReport): string {
  return report.files.map((file) => createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, file.before, file.after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY })).join('');
}

export function renderJson(report: FixReport): string {
  const { files, ...rest } = report;
  return JSON.stringify({ ...rest, files: files.map((file) => file.path), summary: summarizeFix(report) }, null, 2) + '\n';
}

export function summarizeFix(report: FixReport): { migrated: number; files: number; manual: { error: number; warning: number }; problems: number; skipped: number } {
  const count = (severity: string) => report.manual.filter((item) => item.severity === severity).length;
  return { migrated: report.changes.length, files: report.files.length, manual: { error: count('error'), warning: count('warning') }, problems: report.problems.length, skipped: report.skipped.length };
}

/** One line per thing left for a person, for stderr. */
export function renderLeftovers(report: FixReport): string {
  const lines = [
    ...report.problems.map((problem) => `upshift: ${problem.message}`),
    ...report.skipped.map((skipped) => `upshift: ${skipped.path}: skipped: ${skipped.reason}`),
    ...report.manual.map(describeManual),
  ];
  return lines.map((line) => line + '\n').join('');
}

function describeManual(item: ManualMigration): string {
  const name = [item.namespace, item.name].filter(Boolean).join('/');
  return `${item.path}:${item.line}: ${item.severity}: ${item.kind}${name ? ` ${name}` : ''} (${item.apiVersion}) needs a person: ${item.reason}`;
}

export function renderSummary(report: FixReport, wrote: boolean): string {
  const summary = summarizeFix(report);
  const objects = `${count(summary.migrated, 'object')} in ${count(wrote ? report.written.length : summary.files, 'file')}`;
  const action = wrote ? `migrated ${objects}` : `${objects} would be migrated (dry run; --write applies)`;
  return `upshift fix → ${report.target}: ${action}; ${report.manual.length} left for a person\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
