// Which environments the plan covers, at which version each runs, and in which order they
// are upgraded: lower environments first, production last.
import { compareKubeVersions, minorOf, parseKubeVersion } from '../core/kube-version.js';
import { UsageError } from '../core/errors.js';
import type { Origin } from '../core/types.js';
import type { EnvironmentFact, NodeGroupFact, ValueSite } from '../core/inventory.js';

export interface PlannedEnvironment {
  name: string;
  current: string;
  origin?: Origin;
  nodeGroups: NodeGroupFact[];
  /** Where the control plane's version is set for this environment. */
  versionSite?: ValueSite;
  /** The cluster's name as the infrastructure code computes it. */
  cluster?: string;
  /** The AWS region the code puts the cluster in: the AWS CLI commands name it. */
  region?: string;
  /** Other EKS clusters the same root module declares: the plan does not upgrade them. */
  otherClusters?: EnvironmentFact['otherClusters'];
  /** Where the code names the cluster when `cluster` cannot be computed. */
  clusterNameSource?: EnvironmentFact['clusterNameSource'];
  terraform?: EnvironmentFact['terraform'];
  fargateProfiles?: EnvironmentFact['fargateProfiles'];
  /** No input and no --env names it: upshift calls it "default", which is no cluster's name. */
  unnamed?: boolean;
}

// Earlier rank is upgraded first; a name that matches none sits between test and staging.
const RANKS: ReadonlyArray<[RegExp, number]> = [
  [/^(work|sandbox|scratch|play|lab|local|poc)\b/i, 0],
  [/^(dev|develop|development)\b/i, 1],
  [/^(test|qa|ci|int|integration)\b/i, 2],
  [/^(stag|stage|staging|uat|preprod|pre-prod|perf)/i, 4],
  [/^(prod|production|live|prd)\b/i, 5],
];
const UNKNOWN_RANK = 3;

export function environmentRank(name: string): number {
  return RANKS.find(([pattern]) => pattern.test(name))?.[1] ?? UNKNOWN_RANK;
}

/**
 * The environments to plan. Known ones (from infrastructure code or a cluster) are used as
 * found, filtered by `names`; with none known, `names` (or "default") run at `current`.
 */
/**
 * `order`: the upgrade order the estate declares (.upshift.yaml `environments:`); environments
 * it does not list follow, by rank.
 */
export function planEnvironments(known: readonly EnvironmentFact[], names: readonly string[], current: string | undefined, order: readonly string[] = []): PlannedEnvironment[] {
  let chosen: PlannedEnvironment[];
  if (known.length > 0) {
    const unknown = names.filter((name) => !known.some((env) => env.name === name));
    if (unknown.length > 0) {
      throw new UsageError(`--env ${unknown.join(', ')}: no such environment; found: ${known.map((env) => env.name).join(', ')}`);
    }
    chosen = known
      .filter((env) => names.length === 0 || names.includes(env.name))
      .map((env) => {
        // The node groups of another cluster in the same root module are not this cluster's to roll.
        const others = new Set((env.otherClusters ?? []).map((other) => other.address));
        const nodeGroups = env.nodeGroups.filter((group) => !(group.origin?.type === 'terraform' && group.origin.address && others.has(group.origin.address)));
        const planned: PlannedEnvironment = { name: env.name, current: versionOf(env, current), origin: env.origin, nodeGroups };
        if (env.otherClusters) planned.otherClusters = env.otherClusters;
        if (env.region) planned.region = env.region;
        if (env.versionSite) planned.versionSite = env.versionSite;
        if (env.cluster) planned.cluster = env.cluster;
        else if (env.clusterNameSource) planned.clusterNameSource = env.clusterNameSource;
        if (env.terraform) planned.terraform = env.terraform;
        if (env.fargateProfiles) planned.fargateProfiles = env.fargateProfiles;
        return planned;
      });
  } else {
    if (!current) throw new UsageError('no current version: pass --current X.Y (no cluster version was found in Terraform, eksctl or CloudFormation)');
    chosen = names.length > 0 ? names.map((name) => ({ name, current, nodeGroups: [] })) : [{ name: 'default', current, nodeGroups: [], unnamed: true }];
  }
  const declared = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return chosen
    .map((env, index) => ({ env, index }))
    .sort((a, b) => declared(a.env.name) - declared(b.env.name) || environmentRank(a.env.name) - environmentRank(b.env.name) || a.index - b.index)
    .map(({ env }) => env);
}

function versionOf(env: EnvironmentFact, fallback: string | undefined): string {
  const declared = env.clusterVersion && parseKubeVersion(env.clusterVersion) ? minorOf(env.clusterVersion) : undefined;
  const version = declared ?? fallback;
  if (!version) throw new UsageError(`environment "${env.name}": its cluster version was not found; pass --current X.Y`);
  return version;
}

/** Minors an environment must jump to reach the target (0 when it is there already). */
export function versionsToJump(current: string, target: string): number {
  const from = parseKubeVersion(current)!;
  const to = parseKubeVersion(target)!;
  return compareKubeVersions(from, to) >= 0 ? 0 : to.minor - from.minor;
}
