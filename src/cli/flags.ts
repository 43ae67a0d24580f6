// The flags several commands share, declared once so that their names, help text and defaults
// cannot drift apart, and the library options each group of flags becomes.
import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { SEVERITIES, type Severity } from '../core/types.js';
import type { Platform } from '../core/inventory.js';
import type { CheckOptions } from '../run-check.js';

export type FailOn = 'error' | 'warning' | 'none';

export interface OutputFlags {
  output: string;
  progress: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
}

/** What to judge against: versions, platform and extra knowledge. */
export interface VersionFlags {
  target?: string;
  current?: string;
  data?: string[];
  platform: Platform;
}

/** The flags addTargetFlags declares, as commander hands them to an action. */
export interface TargetFlags extends VersionFlags {
  checks?: string[];
  skipChecks?: string[];
  failOn: FailOn;
}

/** Limits of a walk over files and directories. */
export interface FileFlags {
  exclude?: string[];
  maxFileSize?: string;
}

export function addOutputFlags(command: Command, formats: readonly string[], defaultFormat: string): Command {
  return command
    .addOption(new Option('-o, --output <format>', 'output format').choices([...formats]).default(defaultFormat))
    .option('--no-progress', 'no progress bar on stderr')
    .option('--no-color', 'no ANSI colours in table output')
    .option('-q, --quiet', 'only results on stdout, nothing on stderr but errors')
    .option('-v, --verbose', 'more detail on stderr');
}

/** The flags of every command that scans and reports findings: check, cluster, plan. */
export function addTargetFlags(command: Command): Command {
  return command
    .addOption(targetOption())
    .addOption(currentOption('version running now (enables hop-aware advice)'))
    .addOption(dataOption())
    .option('--checks <ids>', 'only these finding ids, comma-separated', splitList)
    .option('--skip-checks <ids>', 'never these finding ids, comma-separated', splitList)
    .addOption(failOnOption())
    .addOption(platformOption('platform whose calendar applies'));
}

export function targetOption(): Option {
  return new Option('--target <version>', 'version to upgrade to (default: newest version in standard support today)');
}

export function currentOption(description: string): Option {
  return new Option('--current <version>', description);
}

export function dataOption(): Option {
  return new Option('--data <file...>', 'extra knowledge rows, same schema as data/*.yaml');
}

export function platformOption(description: string): Option {
  return new Option('--platform <platform>', description).choices(['eks', 'kubernetes']).default('eks');
}

/** What a report prints: the findings at or above a severity (like pluto's --only-show-removed). */
export interface SeverityFlags {
  minSeverity: Severity;
  onlyErrors?: boolean;
}

/** --min-severity and its shorthand --only-errors, for the commands that print findings (check, cluster, merge). */
export function addSeverityFlags(command: Command): Command {
  return command
    .addOption(new Option('--min-severity <level>', 'print only findings at or above this severity (the summary and exit code follow)').choices([...SEVERITIES]).default('info'))
    .addOption(new Option('--only-errors', 'print only error findings: --min-severity error').conflicts('minSeverity'));
}

/** The lowest severity to print. */
export function minimumSeverity(flags: Partial<SeverityFlags>): Severity {
  return flags.onlyErrors ? 'error' : (flags.minSeverity ?? 'info');
}

export function failOnOption(): Option {
  return new Option('--fail-on <level>', 'lowest severity that fails the run').choices(['error', 'warning', 'none']).default('error');
}

export function excludeOption(): Option {
  return new Option('--exclude <glob...>', 'skip paths matching these globs (relative to each PATH)');
}

export function maxFileSizeOption(): Option {
  return new Option('--max-file-size <MB>', 'report files larger than this instead of reading them').default('64');
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

export function versionOptions(flags: VersionFlags): Pick<CheckOptions, 'target' | 'current' | 'platform' | 'dataFiles'> {
  return { target: flags.target, current: flags.current, platform: flags.platform, dataFiles: flags.data };
}

/** What the target flags ask of a scan. */
export function targetOptions(flags: TargetFlags): Pick<CheckOptions, 'target' | 'current' | 'platform' | 'dataFiles' | 'only' | 'skip'> {
  return { ...versionOptions(flags), only: flags.checks, skip: flags.skipChecks };
}

export function fileOptions(flags: FileFlags): Pick<CheckOptions, 'exclude' | 'maxFileBytes'> {
  return { exclude: flags.exclude, maxFileBytes: parseMegabytes(flags.maxFileSize) };
}

function parseMegabytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new UsageError(`--max-file-size "${value}" is not a positive number of megabytes`);
  return megabytes * 1024 * 1024;
}
