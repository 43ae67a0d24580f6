// What the readers (variables, eks-cluster, node-groups, fargate-profiles, addons, helm-release,
// kubernetes-resources) use of each top-level block. convert.ts turns only these parts of
// the syntax tree into JavaScript, because every node it visits is a call into WebAssembly;
// a reader that starts using another attribute or nested block adds it here.

export interface Needs {
  /** The attributes converted; all of them when absent. */
  attributes?: ReadonlySet<string>;
  /**
   * The nested block types converted, each with all its attributes and no blocks of its own;
   * or EVERY_BLOCK: all nested blocks at any depth, with all their attributes.
   */
  blocks: ReadonlySet<string> | typeof EVERY_BLOCK;
}

export const EVERY_BLOCK = 'every block';

/** Whether the environment creates the resource or module at all (blocks.ts isCreated). */
const CREATION = ['count', 'for_each'];

const NOTHING: ReadonlySet<string> = new Set();
const ALL_ATTRIBUTES: Needs = { blocks: NOTHING };

const RESOURCES: Record<string, Needs> = {
  aws_eks_cluster: { attributes: new Set(['name', 'version', ...CREATION]), blocks: NOTHING },
  aws_eks_node_group: {
    attributes: new Set(['node_group_name', 'node_group_name_prefix', 'version', 'release_version', 'ami_type', ...CREATION]),
    blocks: new Set(['scaling_config', 'update_config']),
  },
  aws_eks_addon: { attributes: new Set(['addon_name', 'addon_version', ...CREATION]), blocks: NOTHING },
  aws_eks_fargate_profile: { attributes: new Set(['fargate_profile_name', ...CREATION]), blocks: new Set(['selector']) },
  helm_release: { attributes: new Set(['chart', 'version', 'repository', 'name', ...CREATION]), blocks: NOTHING },
  kubernetes_manifest: { attributes: new Set(['manifest', ...CREATION]), blocks: NOTHING },
};
// A typed resource (kubernetes_deployment_v1, ...) is the whole object the checks read; only
// kubernetes_* resources are converted this deeply, so other modules cost nothing more.
const KUBERNETES_RESOURCE: Needs = { blocks: EVERY_BLOCK };
const VARIABLE: Needs = { attributes: new Set(['default']), blocks: NOTHING };
/** An output that prints the cluster's name, for a name the code does not let be computed (eks-cluster.ts). */
const OUTPUT: Needs = { attributes: new Set(['value']), blocks: NOTHING };
/** The region the AWS CLI commands of a plan must name (eks-cluster.ts). */
const AWS_PROVIDER: Needs = { attributes: new Set(['region', 'alias']), blocks: NOTHING };

/** What to convert of a top-level block, or undefined to keep only its type, labels and line. */
export function needsOf(type: string, labels: readonly string[]): Needs | undefined {
  switch (type) {
    case 'variable':
      return VARIABLE;
    case 'locals':
      return ALL_ATTRIBUTES;
    case 'output':
      return OUTPUT;
    case 'provider':
      return labels[0] === 'aws' ? AWS_PROVIDER : undefined;
    // Which module is the EKS one is decided by its source, and the node-group submodule's
    // settings are all of its attributes.
    case 'module':
      return ALL_ATTRIBUTES;
    // A terragrunt.hcl's terraform { source } names the module the unit applies (terragrunt.ts).
    case 'terraform':
      return ALL_ATTRIBUTES;
    case 'resource': {
      const resourceType = labels[0] ?? '';
      return RESOURCES[resourceType] ?? (resourceType.startsWith('kubernetes_') ? KUBERNETES_RESOURCE : undefined);
    }
    default:
      return undefined;
  }
}
