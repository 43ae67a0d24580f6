// `upshift merge REPORT...`: many clusters' JSON reports as one fleet view.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { mergeReports } from '../merge-reports.js';
import { reporters } from '../report/index.js';
import { finishWithReport } from './common.js';
import { addOutputFlags, addSeverityFlags, failOnOption, type OutputFlags, type TargetFlags } from './flags.js';

interface MergeFlags extends OutputFlags, Pick<TargetFlags, 'failOn'> {}

export function mergeCommand(): Command {
  const command = new Command('merge')
    .description('combine JSON reports of many clusters (upshift cluster -o json) into one fleet view')
    .argument('<report...>', 'JSON report files; - reads one from standard input')
    .addOption(failOnOption());
  addOutputFlags(command, Object.keys(reporters), 'table');
  addSeverityFlags(command);
  return command.action((paths: string[], flags: MergeFlags) => {
    const inputs = paths.map((path) => ({ path: path === '-' ? 'stdin' : path, text: read(path) }));
    const report = mergeReports(inputs);
    finishWithReport(report, flags);
  });
}

function read(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`report ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of a JSON report`);
  }
}
