// `upshift check [PATH...] [-f FILE|-]`: the static scan of files, directories and stdin.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { runCheck } from '../run-check.js';
import { runSnapshot } from '../run-snapshot.js';
import { reportUnread } from './cluster.js';
import { reporters } from '../report/index.js';
import { addOutputFlags, addTargetFlags, exitCodeFor, printReport, progressReporter, splitList, type FailOn, type OutputFlags } from './common.js';

interface CheckFlags extends OutputFlags {
  filename?: string[];
  target?: string;
  current?: string;
  data?: string[];
  checks?: string[];
  skipChecks?: string[];
  failOn: FailOn;
  platform: 'eks' | 'kubernetes';
  exclude?: string[];
  maxFileSize?: string;
  componentVersion?: string[];
  snapshot?: string;
}

export function checkCommand(): Command {
  const command = new Command('check')
    .description('scan manifests (files, directories, stdin) for what breaks on the way to the target version')
    .argument('[path...]', 'files or directories to scan (recursively: .yaml, .yml, .json)')
    .option('-f, --filename <file...>', 'a manifest file to scan; - reads standard input')
    .option('--exclude <glob...>', 'skip paths matching these globs (relative to each PATH)')
    .option('--max-file-size <MB>', 'report files larger than this instead of reading them', '64')
    .option('--snapshot <file>', 'rerun a cluster scan from a snapshot written by upshift cluster --snapshot')
    .option('--component-version <name=version...>', 'judge an ecosystem component\'s CRD versions against this release (e.g. cert-manager=1.15)', splitList);
  addTargetFlags(command);
  addOutputFlags(command, Object.keys(reporters), 'table');
  return command.action(async (paths: string[], flags: CheckFlags) => {
    const files = flags.filename ?? [];
    if (flags.snapshot) {
      if (paths.length > 0 || files.length > 0) throw new UsageError('--snapshot replays a cluster scan on its own; give either --snapshot FILE or PATHs/-f, not both');
      const result = await runSnapshot(flags.snapshot, {
        target: flags.target,
        current: flags.current,
        platform: flags.platform,
        dataFiles: flags.data,
        only: flags.checks,
        skip: flags.skipChecks,
        componentTargets: parseComponentVersions(flags.componentVersion ?? []),
      });
      reportUnread(result);
      printReport(result.report, flags);
      process.exitCode = exitCodeFor(result.report, flags.failOn);
      return;
    }
    const readsStdin = files.includes('-');
    if (paths.length === 0 && files.length === 0) {
      throw new UsageError('nothing to scan: give a PATH (file or directory), or -f FILE, or -f - for standard input');
    }
    const report = await runCheck({
      paths: [...paths, ...files.filter((file) => file !== '-')],
      stdin: readsStdin ? readFileSync(0) : undefined,
      target: flags.target,
      current: flags.current,
      platform: flags.platform,
      dataFiles: flags.data,
      only: flags.checks,
      skip: flags.skipChecks,
      exclude: flags.exclude,
      maxFileBytes: parseMegabytes(flags.maxFileSize),
      componentTargets: parseComponentVersions(flags.componentVersion ?? []),
      onProgress: progressReporter(flags, 'scanning files'),
    });
    printReport(report, flags);
    process.exitCode = exitCodeFor(report, flags.failOn);
  });
}

function parseMegabytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new UsageError(`--max-file-size "${value}" is not a positive number of megabytes`);
  return megabytes * 1024 * 1024;
}

function parseComponentVersions(entries: string[]): Map<string, string> {
  const versions = new Map<string, string>();
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)=v?(\d+\.\d+)(?:\.\d+)?$/.exec(entry);
    if (!match) throw new UsageError(`--component-version "${entry}" should look like cert-manager=1.15`);
    versions.set(match[1], match[2]);
  }
  return versions;
}
