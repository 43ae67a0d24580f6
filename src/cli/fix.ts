// `upshift fix [PATH...]`: migrate manifests to the APIs the target serves. A dry run prints
// the unified diff; --write applies it; -o json lists the changes.
import { Command, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { runFix } from '../run-fix.js';
import { renderDiff, renderJson, renderLeftovers, renderSummary, summarizeFix } from '../fix/render.js';
import { parseMegabytes } from './check.js';
import { EXIT, progressReporter, type OutputFlags } from './common.js';

interface FixFlags extends OutputFlags {
  target?: string;
  current?: string;
  data?: string[];
  platform: 'eks' | 'kubernetes';
  write?: boolean;
  exclude?: string[];
  maxFileSize?: string;
}

export function fixCommand(): Command {
  return new Command('fix')
    .description('migrate manifests to the APIs served at the target, keeping comments and formatting (dry run unless --write)')
    .argument('[path...]', 'files or directories to migrate (recursively: .yaml, .yml, .json; Helm chart templates)')
    .option('--write', 'apply the changes to the files (atomically); without it nothing is written')
    .option('--target <version>', 'version to upgrade to (default: newest version in standard support today)')
    .option('--current <version>', 'version running now')
    .option('--data <file...>', 'extra knowledge rows, same schema as data/*.yaml')
    .addOption(new Option('--platform <platform>', 'platform whose calendar applies').choices(['eks', 'kubernetes']).default('eks'))
    .option('--exclude <glob...>', 'skip paths matching these globs (relative to each PATH)')
    .option('--max-file-size <MB>', 'report files larger than this instead of reading them', '64')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['diff', 'json']).default('diff'))
    .option('--no-progress', 'no progress bar on stderr')
    .option('--no-color', 'accepted for symmetry with check; the diff is never coloured')
    .option('-q, --quiet', 'no summary on stderr')
    .option('-v, --verbose', 'more detail on stderr')
    .action(async (paths: string[], flags: FixFlags) => {
      if (paths.length === 0) throw new UsageError('nothing to fix: give a PATH (file or directory); fix rewrites files, so it does not read standard input');
      const report = await runFix({
        paths,
        target: flags.target,
        current: flags.current,
        platform: flags.platform,
        dataFiles: flags.data,
        exclude: flags.exclude,
        maxFileBytes: parseMegabytes(flags.maxFileSize),
        write: flags.write === true,
        onProgress: progressReporter(flags, 'fixing files'),
      });
      if (flags.output === 'json') {
        process.stdout.write(renderJson(report));
      } else {
        process.stdout.write(renderDiff(report));
        process.stderr.write(renderLeftovers(report));
      }
      if (!flags.quiet) process.stderr.write(renderSummary(report, flags.write === true));
      const summary = summarizeFix(report);
      process.exitCode = summary.manual.error > 0 || summary.problems > 0 ? EXIT.errors : EXIT.ok;
    });
}
