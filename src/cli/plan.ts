// `upshift plan [PATH...]`: scan, then recommend a strategy and print the ordered runbook
// per environment (Markdown by default, JSON, or a self-contained HTML report).
import { Command, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { isCalendarDay, isoDay, supportCalendar } from '../knowledge/calendar.js';
import { PLAN_FORMATS } from '../plan/formats.js';
import { STRATEGY_NAMES, type StrategyName } from '../plan/types.js';
import type { FixReport } from '../fix/report-types.js';
import { compareKubeVersions, listHops, minorOf, parseKubeVersion } from '../core/kube-version.js';
import { requireExistingPaths } from './paths.js';
import { addHelmFlag, addOutputFlags, addTargetFlags, splitList, targetOptions, type OutputFlags, type TargetFlags } from './flags.js';

interface PlanFlags extends OutputFlags, TargetFlags {
  env?: string[];
  strategy: StrategyName | 'auto';
  simulation?: string;
  start?: string;
  helmBin?: string;
}

export function planCommand(): Command {
  const command = new Command('plan')
    .description('recommend an upgrade strategy and print the ordered runbook, per environment')
    .argument('[path...]', 'files or directories to scan (manifests, charts, Terraform, eksctl, CloudFormation)')
    .option('--env <names>', 'plan only these environments, comma-separated (or name them, when none is found in the inputs)', splitList)
    .addOption(new Option('--strategy <name>', 'strategy the steps follow').choices(['auto', ...STRATEGY_NAMES]).default('auto'))
    .option('--simulation <file>', 'output of `upshift simulate -o json`, for predicted node-group rollout times')
    .option('--start <date>', 'first day of the schedule, YYYY-MM-DD (default: today)');
  addHelmFlag(command);
  addTargetFlags(command);
  addOutputFlags(command, PLAN_FORMATS, 'markdown');
  return command.action(async (paths: string[], flags: PlanFlags) => {
    requireExistingPaths(paths, 'plan');
    const now = new Date();
    const startDate = flags.start === undefined ? isoDay(now) : parseDay(flags.start);
    // Loaded here, not when the program starts (see main.ts).
    const [{ buildPlan }, { planRenderers }, { PLAN_KINDS }, { readSimulation }, { planHtml }, { runScan }, { exitCodeFor, progressReporter }] = await Promise.all([
      import('../plan/build-plan.js'),
      import('../plan/render.js'),
      import('../plan/signals.js'),
      import('../plan/simulation.js'),
      import('../report/html/plan-page.js'),
      import('../run-check.js'),
      import('./common.js'),
    ]);
    const simulation = flags.simulation === undefined ? undefined : readSimulation(flags.simulation);
    const scan = await runScan({
      paths,
      ...targetOptions(flags),
      keepKinds: PLAN_KINDS,
      helmBinary: flags.helmBin,
      onProgress: progressReporter(flags, 'scanning files'),
    });
    const environmentNames = flags.env?.flatMap((entry) => entry.split(',')).map((name) => name.trim()).filter(Boolean);
    const fixReports = await fixDryRuns(paths, scan.inventory.environments.map((env) => env.clusterVersion), scan.context.current, scan.context.target, flags);
    const plan = buildPlan({
      inventory: scan.inventory,
      findings: scan.environmentFindings,
      platform: scan.context.platform,
      target: scan.context.target,
      current: scan.context.current,
      environmentNames,
      order: scan.context.config?.environments ?? [],
      ...(scan.context.config?.schedule ? { schedule: scan.context.config.schedule } : {}),
      fixReports,
      targetSupport: supportCalendar(scan.context.knowledge, scan.context.platform, isoDay(now)).find((entry) => entry.version === scan.context.target)?.status,
      strategy: flags.strategy,
      paths,
      simulation,
      startDate,
      knowledge: scan.context.knowledge,
      knowledgeDate: scan.context.knowledge.date,
    });
    const output =
      flags.output === 'html'
        ? planHtml({ plan, report: scan.report, knowledge: scan.context.knowledge, inventory: scan.inventory, simulation, today: isoDay(now), cwd: process.cwd() })
        : planRenderers[flags.output as keyof typeof planRenderers](plan);
    process.stdout.write(output);
    process.exitCode = exitCodeFor(scan.report, flags.failOn);
  });
}

/**
 * What `upshift fix` would do at each minor the plan's hops reach (a dry run per version), so
 * that the API-migration steps list exactly that and the rest goes to manual.
 */
async function fixDryRuns(paths: string[], declared: (string | undefined)[], current: string | undefined, target: string, flags: PlanFlags): Promise<Map<string, FixReport>> {
  const versions = [current, ...declared].filter((version): version is string => version !== undefined && parseKubeVersion(version) !== undefined).map((version) => minorOf(version));
  const lowest = versions.sort(compareKubeVersions)[0];
  const reports = new Map<string, FixReport>();
  if (!lowest) return reports;
  const { runFixDryRuns } = await import('../run-fix.js');
  const hops = listHops(lowest, target).map((hop) => hop.to);
  if (hops.length === 0) return reports;
  const dryRuns = await runFixDryRuns({ paths, platform: flags.platform, dataFiles: flags.data }, hops);
  hops.forEach((to, index) => reports.set(to, dryRuns[index]));
  return reports;
}

function parseDay(text: string): string {
  if (!isCalendarDay(text)) throw new UsageError(`--start "${text}" is not a date; expected YYYY-MM-DD`);
  return text;
}
