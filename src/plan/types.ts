// The shape of a plan (CLI.md, `upshift plan -o json`): the three strategies scored, the one
// chosen, and per environment the ordered steps to get from its version to the target.
import type { Origin } from '../core/types.js';

export type StrategyName = 'in-place' | 'nodegroup-blue-green' | 'cluster-migration';

export const STRATEGY_NAMES: readonly StrategyName[] = ['in-place', 'nodegroup-blue-green', 'cluster-migration'];

export type Criterion = 'serviceImpact' | 'workCost' | 'rollback' | 'versionsPerUpgrade' | 'duration';

/** Each criterion with the column label the runbook and the HTML report give it, in their order. */
export const CRITERIA: ReadonlyArray<[Criterion, string]> = [
  ['serviceImpact', 'service impact'],
  ['workCost', 'work'],
  ['rollback', 'rollback'],
  ['versionsPerUpgrade', 'versions per upgrade'],
  ['duration', 'duration'],
];

/** 1 (worst) to 5 (best) on each criterion. */
export type Scores = Record<Criterion, number>;

export interface StrategyAssessment {
  name: StrategyName;
  recommended: boolean;
  /** Upgrades the control plane goes through: one per minor in place, one in all for a migration. */
  hops: number;
  scores: Scores;
  /** Weighted total the advisor ranks by (weights depend on how many versions must be jumped). */
  total: number;
  /** Predicted hands-on time over every environment, in minutes. */
  minutes: number;
  reasons: string[];
}

export type StepKind =
  | 'precheck'
  | 'api-migration'
  | 'addon-upgrade'
  | 'control-plane'
  | 'node-group'
  | 'workload-move'
  | 'cluster-create'
  | 'restore'
  | 'traffic-shift'
  | 'verify'
  | 'cleanup'
  | 'drain-fix';

export type Phase = 'before' | 'during' | 'after';

/**
 * An add-on's change as ./addon-steps.ts proposes it (the file and version it read, the
 * command it would run); steps turn it into `edits` and `commands` where the value lives.
 */
export interface Change {
  file?: string;
  line?: number;
  from?: string;
  to?: string;
  command?: string;
}

/**
 * What runs once a step is done, for the components the version skew rules are about: the control
 * plane, a node group (version null: the group is deleted; amiType when the step replaces it) or an add-on.
 */
export interface StepResult {
  component: 'control-plane' | 'node-group' | 'addon';
  /** The node group or add-on. */
  name?: string;
  version: string | null;
  amiType?: string;
  /** The add-on's chart version, when it is installed from a chart. */
  chart?: string;
}

/**
 * One line to change: `from` is exactly the text of `line` when the step is reached (earlier
 * edits applied), `to` its replacement, which may hold a newline to add lines after it.
 */
export interface Edit {
  file: string;
  line: number;
  from: string;
  to: string;
}

/** A finding of `upshift check --env NAME --target T` that a step clears, or that needs a person. */
export interface FindingRef {
  id: string;
  /** The file (or `release NS/NAME`, `cluster`) the finding is located at. */
  path: string;
  line?: number;
}

export interface ManualItem extends FindingRef {
  /** Why no step can clear it, and what a person must decide or edit. */
  why: string;
}

export interface Step {
  order: number;
  hop: string;
  phase: Phase;
  kind: StepKind;
  title: string;
  /** Lines to change, in order, before the commands run. */
  edits: Edit[];
  /** Shell commands run from the current directory, in order. */
  commands: string[];
  /** The findings this step clears. */
  resolves: FindingRef[];
  /** What the step touches: objects to migrate, applications to move. */
  items?: string[];
  minutes: number;
  rollback: string;
  result?: StepResult;
}

export interface EnvironmentPlan {
  name: string;
  /** The EKS cluster's name as the infrastructure code computes it (or as read from the cluster). */
  cluster: string;
  current: string;
  target: string;
  origin?: Origin;
  /** The hops this environment goes through under the chosen strategy. */
  hops: string[];
  steps: Step[];
  /** Findings no step clears, with what a person must decide. */
  manual: ManualItem[];
}

/** The facts the advisor weighs, as found in the inventory and findings. */
export interface PlanSignals {
  /** Most minors any environment must jump. */
  versionsToJump: number;
  applications: number;
  nodeGroups: number;
  statefulWorkloads: number;
  pdbBlockers: number;
  singletonJobs: number;
  pinnedWorkloads: number;
  apiMigrations: number;
  ingresses: number;
  /** Ingresses served by the AWS Load Balancer Controller (an ALB can weight two target groups). */
  albIngresses: number;
  targetGroupBindings: number;
  route53: boolean;
  /** Minutes the simulated node-group rollout took per hop, when a simulation was given. */
  simulatedRolloutMinutes?: number;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface ScheduleSettings {
  /** Days work may happen on. */
  days: Weekday[];
  /** Working hours, "09:00-17:00". */
  hours: string;
  /** Hours of soak between one environment and the next. */
  soakHours: number;
}

export interface Plan {
  current: string;
  target: string;
  platform: string;
  /** The strategy the steps follow: the recommended one unless --strategy chose another. */
  chosen: StrategyName;
  strategies: StrategyAssessment[];
  signals: PlanSignals;
  /** Day the schedule starts (YYYY-MM-DD). */
  startDate: string;
  /** When work is scheduled (UTC). */
  schedule: ScheduleSettings;
  environments: EnvironmentPlan[];
  /** The date of the knowledge base the plan was built with. */
  knowledgeDate?: string;
}
