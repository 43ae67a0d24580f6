// What every command shares once its flags are read: progress on stderr, printing a report,
// and the exit-code contract (CLI.md).
import { SEVERITIES, type Report, type Severity } from '../core/types.js';
import { once } from 'node:events';
import { reportPieces, summarize, type ReportOptions } from '../report/index.js';
import { isoDay } from '../knowledge/calendar.js';
import type { Knowledge } from '../knowledge/load.js';
import { stalenessWarning } from '../knowledge/staleness.js';
import { minimumSeverity, type FailOn, type OutputFlags, type SeverityFlags } from './flags.js';
import { EXIT } from './exit-codes.js';

/** Exit code for a finished run, per the CLI contract. */
export function exitCodeFor(report: Pick<Report, 'summary'>, failOn: FailOn): number {
  if (failOn === 'none') return EXIT.ok;
  if (report.summary.error > 0) return EXIT.errors;
  if (failOn === 'warning' && report.summary.warning > 0) return EXIT.warnings;
  return EXIT.ok;
}

/**
 * Sets the exit code and prints the report; `context`: what the HTML report draws beyond the
 * findings (knowledge, inventory). The exit code comes first: a reader that goes away mid-report
 * (`| head`) ends the run with it (main.ts).
 */
export async function finishWithReport(unfiltered: Report, flags: OutputFlags & { failOn: FailOn } & Partial<SeverityFlags>, context: Omit<ReportOptions, 'color' | 'cwd'> = {}): Promise<void> {
  const report = atOrAbove(unfiltered, minimumSeverity(flags));
  process.exitCode = exitCodeFor(report, flags.failOn);
  const color = flags.color && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const width = process.stdout.isTTY === true ? process.stdout.columns : undefined;
  await writeOut(reportPieces[flags.output](report, { ...context, color, width, cwd: process.cwd() }));
}

// Pieces are gathered up to this many characters a write: one write per finding took a system
// call each, and one write of everything held the whole report twice (as text, then as bytes).
const WRITE_SIZE = 1 << 16;

/** Writes the pieces to stdout as they come, waiting whenever stdout's buffer is full (a slow pipe). */
async function writeOut(pieces: Iterable<string>): Promise<void> {
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length < WRITE_SIZE) continue;
    const flushed = process.stdout.write(pending);
    pending = '';
    if (!flushed) await once(process.stdout, 'drain');
  }
  if (pending) process.stdout.write(pending);
}

/** The report with only the findings at or above `minimum`, and its summary counting those. */
export function atOrAbove(report: Report, minimum: Severity): Report {
  if (minimum === 'info') return report;
  const findings = report.findings.filter((finding) => SEVERITIES.indexOf(finding.severity) <= SEVERITIES.indexOf(minimum));
  return { ...report, findings, summary: summarize(findings) };
}

/** A one-line progress counter on stderr, only for a person watching a terminal. */
export function progressReporter(flags: OutputFlags, label: string): ((done: number, total: number) => void) | undefined {
  if (!flags.progress || flags.quiet || !process.stderr.isTTY || process.env.CI) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    process.stderr.write(`\r${label} ${done}/${total}${done === total ? '\x1b[K\r' : ''}`);
  };
}

/** Says once on stderr (not with -q) when the knowledge base is older than it should be. */
export function warnIfStale(knowledge: Knowledge, flags: Pick<OutputFlags, 'quiet'>, today = isoDay(new Date())): void {
  const warning = stalenessWarning(knowledge.date, today, knowledge);
  if (warning && !flags.quiet) process.stderr.write(`upshift: warning: ${warning}\n`);
}
