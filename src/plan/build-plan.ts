// Builds the plan from a scan: environments in upgrade order, the signals, the three
// strategies scored on their own predicted steps, and the chosen strategy's runbook.
import { compareKubeVersions } from '../core/kube-version.js';
import type { Finding } from '../core/types.js';
import type { Inventory } from '../core/inventory.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { AddonKnowledge } from './addon-steps.js';
import { assessStrategies } from './advisor.js';
import { planEnvironments, type PlannedEnvironment } from './environments.js';
import { distinctApplications, planSignals } from './signals.js';
import type { FixReport } from '../fix/report-types.js';
import type { SupportStatus } from '../knowledge/calendar.js';
import { EditSession } from './edits.js';
import type { Simulation } from './simulation.js';
import { environmentSteps } from './steps.js';
import { DEFAULT_SCHEDULE, workingHours } from './gantt.js';
import { STRATEGY_NAMES, type EnvironmentPlan, type Plan, type ScheduleSettings, type StrategyName } from './types.js';

export interface PlanInput {
  inventory: Inventory;
  findings: readonly Finding[];
  platform: string;
  target: string;
  /** --current: the version of environments that do not declare one. */
  current?: string;
  /** --env: the environments to plan (or to name, when none are known). */
  environmentNames?: readonly string[];
  /** --strategy; 'auto' or absent follows the advisor. */
  strategy?: StrategyName | 'auto';
  paths?: readonly string[];
  simulation?: Simulation;
  /** First day of the schedule (YYYY-MM-DD). */
  startDate: string;
  /** The scan's knowledge (add-on upgrade paths, node rules); the bundled knowledge when absent. */
  knowledge?: AddonKnowledge;
  /** The date of the knowledge base the findings were judged with, printed with the plan. */
  knowledgeDate?: string;
  /** When work may be scheduled (.upshift.yaml `schedule:`); defaults in DEFAULT_SCHEDULE. */
  schedule?: Partial<ScheduleSettings>;
  /** The upgrade order the estate declares (.upshift.yaml `environments:`). */
  order?: readonly string[];
  /** Where relative paths are read from (default: the process's directory). */
  cwd?: string;
  /** Where the target stands on the platform's support calendar today, when known. */
  targetSupport?: SupportStatus;
  /** `upshift fix` dry runs by target version, for the API-migration steps. */
  fixReports?: ReadonlyMap<string, FixReport>;
}

export function buildPlan(input: PlanInput): Plan {
  const schedule: ScheduleSettings = { ...DEFAULT_SCHEDULE, ...input.schedule };
  workingHours(schedule);
  const environments = planEnvironments(input.inventory.environments, input.environmentNames ?? [], input.current, input.order);
  const cwd = input.cwd ?? process.cwd();
  const signals = planSignals(input.inventory, input.findings, environments, input.target, input.simulation);
  const applications = distinctApplications(input.inventory.resources);
  const knowledge = input.knowledge ?? loadKnowledge();
  // Each strategy's runbook edits the files from scratch, environment after environment.
  const stepsFor = (strategy: StrategyName) => {
    const session = new EditSession(cwd);
    return environments.map((env) =>
      environmentSteps(strategy, {
        env,
        target: input.target,
        findings: findingsFor(input.findings, env),
        inventory: input.inventory,
        applications,
        signals,
        paths: input.paths ?? [],
        simulation: input.simulation,
        knowledge,
        session,
        cwd,
        ...(input.targetSupport ? { targetSupport: input.targetSupport } : {}),
        ...(input.fixReports ? { fixReports: input.fixReports } : {}),
      }),
    );
  };
  const runbooks = Object.fromEntries(STRATEGY_NAMES.map((name) => [name, stepsFor(name)])) as Record<StrategyName, EnvironmentPlan[]>;
  const minutes = Object.fromEntries(STRATEGY_NAMES.map((name) => [name, totalMinutes(runbooks[name])])) as Record<StrategyName, number>;
  const strategies = assessStrategies(signals, minutes);
  const chosen = !input.strategy || input.strategy === 'auto' ? strategies.find((entry) => entry.recommended)!.name : input.strategy;
  return {
    current: input.current ?? lowestVersion(environments),
    target: input.target,
    platform: input.platform,
    chosen,
    strategies,
    signals,
    startDate: input.startDate,
    schedule,
    environments: runbooks[chosen],
    ...(input.knowledgeDate ? { knowledgeDate: input.knowledgeDate } : {}),
  };
}

function totalMinutes(plans: readonly EnvironmentPlan[]): number {
  return plans.reduce((sum, plan) => sum + plan.steps.reduce((inner, step) => inner + step.minutes, 0), 0);
}

/** Findings anchored in another environment's infrastructure code are not this one's. */
function findingsFor(findings: readonly Finding[], env: PlannedEnvironment): Finding[] {
  return findings.filter((finding) => {
    const owner = finding.origin?.type === 'terraform' ? finding.origin.env : undefined;
    const named = typeof finding.details?.env === 'string' ? finding.details.env : undefined;
    return (owner ?? named ?? env.name) === env.name;
  });
}

function lowestVersion(environments: readonly PlannedEnvironment[]): string {
  return environments.map((env) => env.current).sort(compareKubeVersions)[0];
}
