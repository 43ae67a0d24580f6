// The inventory facts every stage shares: what the sources found (objects, charts, EKS add-ons,
// environments and their node groups), independent of the checks that judge them.
import type { Origin, Resource } from './types.js';

export type Platform = 'eks' | 'kubernetes';

/** Everything the sources found, for checks that relate objects to each other. */
export interface Inventory {
  /**
   * Resources whose kind some inventory check reads (its objectKinds) or the caller keeps
   * (keepKinds), in input order. Each has its whole `object` when the caller keeps the kind
   * (keepKinds, onInventory), else only the `summary` the checks read.
   */
  resources: Resource[];
  /** Helm charts referenced (Chart.yaml dependencies, Helmfile, Argo CD, Terraform helm_release). */
  charts: ChartReference[];
  /** EKS managed add-ons pinned (Terraform aws_eks_addon, eksctl, CloudFormation, the EKS API). */
  eksAddons: EksAddonReference[];
  /** Clusters described by infrastructure code or read live, one per environment. */
  environments: EnvironmentFact[];
  /** Workload templates of charts that rendered nothing with the values scanned (sources/helm/silent-workloads.ts). */
  silentWorkloads?: SilentWorkloads[];
}

/** A chart's own workload templates that rendered no document for one environment. */
export interface SilentWorkloads {
  /** The chart's directory, as resources' origins name it. */
  chart: string;
  /** The environment values file's name; none when the chart was rendered without one. */
  env?: string;
  /** Rendered with the chart's own values alone: no environment values file, --values or --set. */
  defaults: boolean;
  /** Display paths of the templates. */
  templates: string[];
}

/**
 * The line that sets a version for one environment, as infrastructure code spells it, so that
 * a plan can edit it there (see src/plan/edits.ts).
 */
/** Whether two sites are the same line of the same file (a value two facts share, edited once). */
export function sameSite(a: ValueSite | undefined, b: ValueSite | undefined): boolean {
  return a !== undefined && b !== undefined && a.path === b.path && a.line === b.line;
}

export interface ValueSite {
  /** Display path (relative to the current directory). */
  path: string;
  line: number;
  /** The value as written on that line, without quotes. */
  value: string;
  /**
   * Set when the line is shared by every environment of a module: the variable whose default
   * it is (an environment overrides it in its own variables file), or true for a literal.
   * `calledModule` (the module's directory): the line is in a module other modules call, read
   * by every environment of every caller; no environment's variables file reaches it.
   */
  shared?: { variable?: string; calledModule?: string };
}

export interface ChartReference {
  chart: string;
  version?: string;
  /** Where `version` is set. */
  versionSite?: ValueSite;
  repository?: string;
  /** Name of the release or dependency alias, when known. */
  release?: string;
  /** The namespace the chart is installed into, when the code says (a HelmRelease's, an Application's destination). */
  namespace?: string;
  /**
   * The GitOps object that installs the chart from the code: a Flux HelmRelease, an Argo CD
   * Application, or an ApplicationSet (`generates`: the name its template gives the Applications
   * it generates, parameters it leaves to each cluster as written, such as `addon-{{name}}-cert-manager`).
   */
  syncedBy?: { tool: 'flux' | 'argo-cd'; name: string; namespace?: string; generates?: string };
  env?: string;
  origin: Origin;
}

export interface EksAddonReference {
  name: string;
  version?: string;
  versionSite?: ValueSite;
  /**
   * Set when no version is pinned and the code picks one for the cluster's Kubernetes version at
   * every apply, as the EKS module does (coalesce(addon_version, data.aws_eks_addon_version...)):
   * the newest EKS lists for it ('most-recent') or EKS's default for it ('default'). The apply that
   * moves the control plane moves the add-on with it.
   */
  followsControlPlane?: 'most-recent' | 'default';
  env?: string;
  origin: Origin;
}

/** Where infrastructure code names a cluster whose name cannot be computed from it. */
export interface ClusterNameSource {
  /** The attribute that names the cluster (display path). */
  path: string;
  line: number;
  /** A root-module output whose value is the cluster's name (`terraform output -raw` prints it). */
  output?: string;
}

/** An EKS cluster declared beside an environment's own, in the same root module. */
export interface OtherCluster {
  /** `module.eks_bottlerocket`, `aws_eks_cluster.other`: node groups of that cluster carry it in their origin. */
  address: string;
  /** Where its version is declared (display path). */
  path: string;
  line: number;
  versionSite?: ValueSite;
}

export interface NodeGroupFact {
  name: string;
  version?: string;
  versionSite?: ValueSite;
  releaseVersion?: string;
  amiType?: string;
  /** Where `amiType` is set, when infrastructure code sets it. */
  amiTypeSite?: ValueSite;
  /** updateConfig: a count ("1") or a percentage ("10%"). */
  maxUnavailable?: string;
  desiredSize?: number;
  /**
   * A self-managed group (eksctl's nodeGroups): EC2 instances eksctl launches itself, which it
   * replaces rather than upgrades, whose nodes carry alpha.eksctl.io/nodegroup-name instead of
   * EKS's eks.amazonaws.com/nodegroup.
   */
  selfManaged?: boolean;
  /** The AMI id the group pins (eksctl's ami:), whose kubelet version upshift cannot read. */
  ami?: string;
  origin?: Origin;
}

/** A Fargate profile: the namespaces whose pods Fargate runs (its selectors' namespaces). */
export interface FargateProfileFact {
  name: string;
  namespaces: string[];
  origin?: Origin;
}

/** A profile's namespaces from its selectors' (several selectors may name one; some name none readable). */
export function profileNamespaces(selected: readonly (string | undefined)[]): string[] {
  return [...new Set(selected.filter((namespace): namespace is string => namespace !== undefined && namespace !== ''))];
}

export interface EnvironmentFact {
  name: string;
  clusterVersion?: string;
  /** Where clusterVersion was read. */
  origin?: Origin;
  versionSite?: ValueSite;
  /** The EKS cluster's name as the code computes it (e.g. a local "acme-${var.environment}"). */
  cluster?: string;
  /** When the code does not let `cluster` be computed (path.cwd, data sources): where it names the cluster. */
  clusterNameSource?: ClusterNameSource;
  /** The AWS region of the cluster, when the code sets it (the aws provider's region). */
  region?: string;
  /** Other EKS clusters declared in the same root module, which this environment's facts are not about. */
  otherClusters?: OtherCluster[];
  /** How Terraform applies this environment: its root module and variables file (display paths). */
  terraform?: { directory: string; varFile?: string };
  nodeGroups: NodeGroupFact[];
  /**
   * Fargate profiles: each pod Fargate runs gets a node of its own, at the kubelet version of the
   * control plane the day it started, which EKS must see match before it updates the control plane.
   */
  fargateProfiles?: FargateProfileFact[];
}
