// `upshift merge REPORT...`: many clusters' JSON reports as one fleet view.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { REPORT_FORMATS } from '../report/formats.js';
import { addOutputFlags, addSeverityFlags, failOnOption, type OutputFlags, type TargetFlags } from './flags.js';

interface MergeFlags extends OutputFlags, Pick<TargetFlags, 'failOn'> {}

export function mergeCommand(): Command {
  const command = new Command('merge')
    .description('combine JSON reports of many clusters (upshift cluster -o json) into one fleet view')
    .argument('<report...>', 'JSON report files; - reads one from standard input')
    .addOption(failOnOption());
  addOutputFlags(command, REPORT_FORMATS, 'table');
  addSeverityFlags(command);
  return command.action(async (paths: string[], flags: MergeFlags) => {
    // Loaded here, not when the program starts (see main.ts).
    const [{ mergeReports }, { finishWithReport }] = await Promise.all([import('../merge-reports.js'), import('./common.js')]);
    const inputs = paths.map((path) => ({ path: path === '-' ? 'stdin' : path, text: read(path) }));
    const report = mergeReports(inputs);
    await finishWithReport(report, flags);
  });
}

function read(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`report ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of a JSON report`);
  }
}
