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

/** The concrete edit or command in the team's own tooling. */
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

export interface Step {
  order: number;
  hop: string;
  phase: Phase;
  kind: StepKind;
  title: string;
  change?: Change;
  /** Further commands, in order, when one change is not enough. */
  commands?: string[];
  /** What the step touches: objects to migrate, applications to move. */
  items?: string[];
  minutes: number;
  rollback: string;
  result?: StepResult;
}

export interface EnvironmentPlan {
  name: string;
  current: string;
  target: string;
  origin?: Origin;
  /** The hops this environment goes through under the chosen strategy. */
  hops: string[];
  steps: Step[];
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
  environments: EnvironmentPlan[];
  /** The date of the knowledge base the plan was built with. */
  knowledgeDate?: string;
}
