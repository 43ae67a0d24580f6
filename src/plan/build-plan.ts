// Builds the plan from a scan: environments in upgrade order, the signals, the three
// strategies scored on their own predicted steps, and the chosen strategy's runbook.
import { compareKubeVersions } from '../core/kube-version.js';
import type { Finding, Origin } from '../core/types.js';
import { originPlace } from '../core/origin-path.js';
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
import { inEnvironmentRoot } from './tooling.js';
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
  const inventory = withPlannedEnvironments(input.inventory, environments);
  const knowledge = input.knowledge ?? loadKnowledge();
  // Each strategy's runbook edits the files from scratch, environment after environment.
  const stepsFor = (strategy: StrategyName) => {
    const session = new EditSession(cwd);
    return environments.map((env) =>
      environmentSteps(strategy, {
        env,
        target: input.target,
        findings: findingsFor(input.findings, env, environments),
        inventory,
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

/**
 * Findings anchored in another planned environment's code are not this one's. One that names an
 * environment the plan does not have (a Kustomize overlay's or an ApplicationSet selector's, where
 * no infrastructure code says which cluster it is) is every environment's: it was left out of
 * every plan (onedr0p/home-ops' kustomization per app made each Flux release an environment).
 */
function findingsFor(findings: readonly Finding[], env: PlannedEnvironment, environments: readonly PlannedEnvironment[]): Finding[] {
  const planned = new Set(environments.map((environment) => environment.name));
  return findings.filter((finding) => {
    const owner = finding.origin?.type === 'terraform' ? (finding.origin.env ?? rootOwner(finding.origin.path, environments)) : undefined;
    const named = typeof finding.details?.env === 'string' ? finding.details.env : undefined;
    const bound = owner ?? named;
    return bound === undefined || bound === env.name || !planned.has(bound);
  });
}

/**
 * The environment whose Terraform root module holds the file: the only one that applies it. (A
 * root read for one environment names none on its findings; aws-ia/terraform-aws-eks-blueprints'
 * patterns/karpenter chart was planned in another pattern's environment and applied with its script.)
 */
function rootOwner(path: string, environments: readonly PlannedEnvironment[]): string | undefined {
  const owners = environments.filter((environment) => inEnvironmentRoot(environment, path));
  return owners.length === 1 ? owners[0].name : undefined;
}

/**
 * The inventory with each chart and EKS add-on bound to an environment the plan does not have
 * made every environment's, as its findings are (see findingsFor): the step then edits its pin.
 * Not when its place pins it for several environments (an ApplicationSet's default and its
 * per-environment overrides): each line is still its own environment's.
 */
function withPlannedEnvironments(inventory: Inventory, environments: readonly PlannedEnvironment[]): Inventory {
  const planned = new Set(environments.map((environment) => environment.name));
  const place = (entry: { origin: Origin }) => originPlace(entry.origin) ?? '';
  const perPlace = new Map<string, number>();
  for (const entry of [...inventory.charts, ...inventory.eksAddons]) perPlace.set(place(entry), (perPlace.get(place(entry)) ?? 0) + 1);
  const unbound = <T extends { env?: string; origin: Origin }>(entry: T): T => {
    if (entry.env === undefined || planned.has(entry.env) || perPlace.get(place(entry))! > 1) return entry;
    const { env: _unplanned, ...rest } = entry;
    return rest as T;
  };
  return { ...inventory, charts: inventory.charts.map(unbound), eksAddons: inventory.eksAddons.map(unbound) };
}

function lowestVersion(environments: readonly PlannedEnvironment[]): string {
  return environments.map((env) => env.current).sort(compareKubeVersions)[0];
}
