// `upshift fix [PATH...]`: migrate manifests to the APIs the target serves. A dry run prints
// the unified diff; --write applies it; -o json lists the changes.
import { Command, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { requireExistingPaths } from './paths.js';
import { EXIT } from './exit-codes.js';
import {
  currentOption,
  dataOption,
  excludeOption,
  fileOptions,
  maxFileSizeOption,
  platformOption,
  targetOption,
  versionOptions,
  type FileFlags,
  type OutputFlags,
  type VersionFlags,
} from './flags.js';

interface FixFlags extends OutputFlags, VersionFlags, FileFlags {
  write?: boolean;
}

export function fixCommand(): Command {
  return new Command('fix')
    .description('migrate manifests to the APIs served at the target, keeping comments and formatting (dry run unless --write)')
    .argument('[path...]', 'files or directories to migrate (recursively: .yaml, .yml, .json; Helm chart templates)')
    .option('--write', 'apply the changes to the files (atomically); without it nothing is written')
    .addOption(targetOption())
    .addOption(currentOption('version running now'))
    .addOption(dataOption())
    .addOption(platformOption('platform whose calendar applies'))
    .addOption(excludeOption())
    .addOption(maxFileSizeOption())
    .addOption(new Option('-o, --output <format>', 'output format').choices(['diff', 'json']).default('diff'))
    .option('--no-progress', 'no progress bar on stderr')
    .option('--no-color', 'accepted for symmetry with check; the diff is never coloured')
    .option('-q, --quiet', 'no summary on stderr')
    .option('-v, --verbose', 'more detail on stderr')
    .action(async (paths: string[], flags: FixFlags) => {
      if (paths.length === 0) throw new UsageError('nothing to fix: give a PATH (file or directory); fix rewrites files, so it does not read standard input');
      requireExistingPaths(paths, 'fix');
      // Loaded here, not when the program starts (see main.ts).
      const [{ runFix }, { renderDiff, renderJson, renderLeftovers, renderSummary, summarizeFix }, { progressReporter }] = await Promise.all([
        import('../run-fix.js'),
        import('../fix/render.js'),
        import('./common.js'),
      ]);
      const report = await runFix({
        paths,
        ...versionOptions(flags),
        ...fileOptions(flags),
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
