// The inventory facts every stage shares: what the sources found (objects, charts, EKS add-ons,
// environments and their node groups), independent of the checks that judge them.
import type { Origin, Resource } from './types.js';

export type Platform = 'eks' | 'kubernetes';

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

export interface ChartReference {
  chart: string;
  version?: string;
  repository?: string;
  /** Name of the release or dependency alias, when known. */
  release?: string;
  env?: string;
  origin: Origin;
}

export interface EksAddonReference {
  name: string;
  version?: string;
  env?: string;
  origin: Origin;
}

export interface NodeGroupFact {
  name: string;
  version?: string;
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
  nodeGroups: NodeGroupFact[];
}
