// What a check is: a pure function over the inventory and the knowledge base.
import type { Finding, Origin, Resource } from '../core/types.js';
import type { Knowledge } from '../knowledge/load.js';
import type { ProjectConfig } from '../config/project-config.js';

export type Platform = 'eks' | 'kubernetes';

export interface CheckContext {
  platform: Platform;
  /** "1.34": the minor being upgraded to. */
  target: string;
  /** "1.28": the minor running now, when known. */
  current?: string;
  knowledge: Knowledge;
  /** "2026-11-21": the day the run judges support windows against (UTC). */
  today: string;
  /**
   * Versions that ecosystem components (cert-manager, karpenter, ...) are being moved to.
   * A component without one is judged against its newest known release.
   */
  componentTargets: ReadonlyMap<string, string>;
  /** The project's .upshift.yaml (thresholds, ignores), when there is one. */
  config?: ProjectConfig;
}

/** Everything the sources found, for checks that relate objects to each other. */
export interface Inventory {
  /** Resources whose kind some inventory check wants whole (its objectKinds) or the caller keeps (keepKinds); each has `object`. */
  resources: Resource[];
  /** Helm charts referenced (Chart.yaml dependencies, Helmfile, Argo CD, Terraform helm_release). */
  charts: ChartReference[];
  /** EKS managed add-ons pinned (Terraform aws_eks_addon, eksctl, CloudFormation, the EKS API). */
  eksAddons: EksAddonReference[];
  /** Clusters described by infrastructure code or read live, one per environment. */
  environments: EnvironmentFact[];
}

/**
 * The line that sets a version for one environment, as infrastructure code spells it, so that
 * a plan can edit it there (see src/plan/edits.ts).
 */
export interface ValueSite {
  /** Display path (relative to the current directory). */
  path: string;
  line: number;
  /** The value as written on that line, without quotes. */
  value: string;
  /**
   * Set when the line is shared by every environment of a module: the variable whose default
   * it is (an environment overrides it in its own variables file), or true for a literal.
   */
  shared?: { variable?: string };
}

export interface ChartReference {
  chart: string;
  version?: string;
  /** Where `version` is set. */
  versionSite?: ValueSite;
  repository?: string;
  /** Name of the release or dependency alias, when known. */
  release?: string;
  env?: string;
  origin: Origin;
}

export interface EksAddonReference {
  name: string;
  version?: string;
  versionSite?: ValueSite;
  env?: string;
  origin: Origin;
}

export interface NodeGroupFact {
  name: string;
  version?: string;
  versionSite?: ValueSite;
  releaseVersion?: string;
  amiType?: string;
  /** updateConfig: a count ("1") or a percentage ("10%"). */
  maxUnavailable?: string;
  desiredSize?: number;
  origin?: Origin;
}

export interface EnvironmentFact {
  name: string;
  clusterVersion?: string;
  /** Where clusterVersion was read. */
  origin?: Origin;
  versionSite?: ValueSite;
  /** The EKS cluster's name as the code computes it (e.g. a local "acme-${var.environment}"). */
  cluster?: string;
  /** How Terraform applies this environment: its root module and variables file (display paths). */
  terraform?: { directory: string; varFile?: string };
  nodeGroups: NodeGroupFact[];
}

export interface Check {
  /** The catalog ids this check can produce. */
  ids: readonly string[];
  /**
   * Kinds whose whole object the check reads ('*' for every kind); the sources decode and
   * keep only those, without the fields in sources/unread-fields.ts (take a field off that
   * list to read it). A list, not a predicate, so that worker threads can apply it.
   */
  objectKinds?: readonly string[];
  /** Kinds read whole because knowledge rows name them (data/fields.yaml, --data), added to objectKinds. */
  knowledgeKinds?(knowledge: Knowledge): readonly string[];
  /** Runs on each resource as the scan streams past it. */
  checkResource?(resource: Resource, context: CheckContext): Finding[];
  /** Runs once, after the scan, on the kept inventory. */
  checkInventory?(inventory: Inventory, context: CheckContext): Finding[];
}
