// `upshift versions [--platform eks|kubernetes] [--at YYYY-MM-DD] [-o table|json]`: the support calendar.
import { Command, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { isoDay } from '../knowledge/calendar.js';
import { loadKnowledge } from '../knowledge/load.js';
import { versionsTable } from '../report/versions-table.js';
import { versionsReport } from '../versions.js';
import { addOutputFlags, warnIfStale, type OutputFlags } from './common.js';

interface VersionsFlags extends OutputFlags {
  platform: 'eks' | 'kubernetes';
  at?: string;
  data?: string[];
}

export function versionsCommand(): Command {
  const command = new Command('versions')
    .description('support calendar: the status of every version on a date, days left, monthly cost and what happens at the end')
    .addOption(new Option('--platform <platform>', 'platform whose calendar to show').choices(['eks', 'kubernetes']).default('eks'))
    .option('--at <YYYY-MM-DD>', 'the day to place versions on (default: today, UTC)')
    .option('--data <file...>', 'extra knowledge rows, same schema as data/*.yaml');
  addOutputFlags(command, ['table', 'json'], 'table');
  return command.action((flags: VersionsFlags) => {
    const at = flags.at === undefined ? isoDay(new Date()) : parseDay(flags.at);
    const knowledge = loadKnowledge(flags.data);
    warnIfStale(knowledge, flags);
    const report = versionsReport(knowledge, flags.platform, at);
    process.stdout.write(flags.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : versionsTable(report));
  });
}

function parseDay(text: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || isoDay(date) !== text) {
    throw new UsageError(`--at "${text}" is not a calendar date; expected YYYY-MM-DD, e.g. 2026-11-21`);
  }
  return text;
}
