// What every command shares: the common flags, progress on stderr, printing a report, and
// the exit-code contract (CLI.md).
import { Option, type Command } from 'commander';
import type { Report } from '../core/types.js';
import { reporters, type ReportOptions } from '../report/index.js';
import { isoDay } from '../knowledge/calendar.js';
import type { Knowledge } from '../knowledge/load.js';
import { stalenessWarning } from '../knowledge/staleness.js';

export type FailOn = 'error' | 'warning' | 'none';

export const EXIT = { ok: 0, usage: 1, warnings: 2, errors: 3 } as const;

export interface OutputFlags {
  output: string;
  progress: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
}

export function addOutputFlags(command: Command, formats: readonly string[], defaultFormat: string): Command {
  return command
    .addOption(new Option('-o, --output <format>', 'output format').choices([...formats]).default(defaultFormat))
    .option('--no-progress', 'no progress bar on stderr')
    .option('--no-color', 'no ANSI colours in table output')
    .option('-q, --quiet', 'only results on stdout, nothing on stderr but errors')
    .option('-v, --verbose', 'more detail on stderr');
}

/** The flags addTargetFlags declares, as commander hands them to an action. */
export interface TargetFlags {
  target?: string;
  current?: string;
  data?: string[];
  checks?: string[];
  skipChecks?: string[];
  failOn: FailOn;
  platform: 'eks' | 'kubernetes';
}

export function addTargetFlags(command: Command): Command {
  return command
    .option('--target <version>', 'version to upgrade to (default: newest version in standard support today)')
    .option('--current <version>', 'version running now (enables hop-aware advice)')
    .option('--data <file...>', 'extra knowledge rows, same schema as data/*.yaml')
    .option('--checks <ids>', 'only these finding ids, comma-separated', splitList)
    .option('--skip-checks <ids>', 'never these finding ids, comma-separated', splitList)
    .addOption(new Option('--fail-on <level>', 'lowest severity that fails the run').choices(['error', 'warning', 'none']).default('error'))
    .addOption(new Option('--platform <platform>', 'platform whose calendar applies').choices(['eks', 'kubernetes']).default('eks'));
}

/** --helm-bin, for the commands that render the Helm charts found in their PATHs. */
export function addHelmFlag(command: Command): Command {
  return command.option(
    '--helm-bin <path>',
    'render charts with this helm binary (helm template); none: upshift\'s own renderer (default: $UPSHIFT_HELM_BIN, else helm on PATH, else none)',
  );
}

export function splitList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((item) => item.trim()).filter(Boolean)];
}

/** Exit code for a finished run, per the CLI contract. */
export function exitCodeFor(report: Pick<Report, 'summary'>, failOn: FailOn): number {
  if (failOn === 'none') return EXIT.ok;
  if (report.summary.error > 0) return EXIT.errors;
  if (failOn === 'warning' && report.summary.warning > 0) return EXIT.warnings;
  return EXIT.ok;
}

/** `context`: what the HTML report draws beyond the findings (knowledge, inventory). */
export function printReport(report: Report, flags: OutputFlags, context: Omit<ReportOptions, 'color' | 'cwd'> = {}): void {
  const color = flags.color && process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(reporters[flags.output](report, { ...context, color, cwd: process.cwd() }));
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
  const warning = stalenessWarning(knowledge.date, today);
  if (warning && !flags.quiet) process.stderr.write(`upshift: warning: ${warning}\n`);
}
