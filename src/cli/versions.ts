// `upshift versions [--platform eks|kubernetes] [--at YYYY-MM-DD] [-o table|json]`: the support calendar.
import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { isCalendarDay, isoDay } from '../knowledge/calendar.js';
import { addOutputFlags, dataOption, platformOption, type OutputFlags, type VersionFlags } from './flags.js';

interface VersionsFlags extends OutputFlags, Pick<VersionFlags, 'platform' | 'data'> {
  at?: string;
}

export function versionsCommand(): Command {
  const command = new Command('versions')
    .description('support calendar: the status of every version on a date, days left, monthly cost and what happens at the end')
    .addOption(platformOption('platform whose calendar to show'))
    .option('--at <YYYY-MM-DD>', 'the day to place versions on (default: today, UTC)')
    .addOption(dataOption());
  addOutputFlags(command, ['table', 'json'], 'table');
  return command.action(async (flags: VersionsFlags) => {
    const at = flags.at === undefined ? isoDay(new Date()) : parseDay(flags.at);
    // Loaded here, not when the program starts (see main.ts).
    const [{ loadKnowledge }, { versionsTable }, { versionsReport }, { warnIfStale }] = await Promise.all([
      import('../knowledge/load.js'),
      import('../report/versions-table.js'),
      import('../versions.js'),
      import('./common.js'),
    ]);
    const knowledge = loadKnowledge(flags.data);
    warnIfStale(knowledge, flags);
    const report = versionsReport(knowledge, flags.platform, at);
    process.stdout.write(flags.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : versionsTable(report));
  });
}

function parseDay(text: string): string {
  if (!isCalendarDay(text)) throw new UsageError(`--at "${text}" is not a calendar date; expected YYYY-MM-DD, e.g. 2026-11-21`);
  return text;
}
