// The EKS control-plane version of an environment: aws_eks_cluster.version, or the
// terraform-aws-modules EKS module's cluster_version (kubernetes_version from v21 on).
import { asText, evaluate } from './evaluate.js';
import { isCreated, moduleBlocks, originOf, resourceBlocks, type FoundBlock } from './blocks.js';
import { blocksOf, type Attribute, type Expr } from './syntax.js';
import type { ClusterNameSource, OtherCluster, ValueSite } from '../../core/inventory.js';
import { locateValue } from './locate.js';
import type { EnvironmentScope, ModuleFile, TerraformOrigin } from './variables.js';

const EKS_MODULE_SOURCE = /^terraform-aws-modules\/eks\/aws$|github\.com\/terraform-aws-modules\/terraform-aws-eks(\.git)?(\?|$)/;
const LOCAL_SOURCE = /^\.\.?\//;

/**
 * Calls of the terraform-aws-modules EKS module: from the registry or GitHub, or from a local
 * folder (a vendored copy, the module's own examples, or an estate's wrapper around it) when
 * the call passes the module's version argument — its name is the module's own.
 */
export function eksModuleBlocks(files: readonly ModuleFile[]): FoundBlock[] {
  return moduleBlocks(
    files,
    (source, block) => EKS_MODULE_SOURCE.test(source) || (LOCAL_SOURCE.test(source) && (block.body.attributes.has('kubernetes_version') || block.body.attributes.has('cluster_version'))),
  );
}

export interface ClusterVersion {
  version: string;
  origin: TerraformOrigin;
  /** The line that sets the version for this environment. */
  site?: ValueSite;
  /** The cluster's name, when the code computes it from known values. */
  cluster?: string;
  /** Else where the code names the cluster, and the root module's output that holds the name, if one does. */
  clusterNameSource?: ClusterNameSource;
  /** The other EKS clusters the same root module declares (the EKS module's examples declare two). */
  otherClusters?: OtherCluster[];
  /** The region of the root module's default aws provider, when the code sets it. */
  region?: string;
}

/** `shared`: the module's .tf files are read by several environments (one tfvars file each). */
export function clusterVersion(files: readonly ModuleFile[], scope: EnvironmentScope, env: string | undefined, shared = false): ClusterVersion | undefined {
  const candidates: [FoundBlock, Attribute | undefined, Attribute | undefined][] = [
    ...resourceBlocks(files, (type) => type === 'aws_eks_cluster').map((found): [FoundBlock, Attribute | undefined, Attribute | undefined] => [
      found,
      found.block.body.attributes.get('version'),
      found.block.body.attributes.get('name'),
    ]),
    ...eksModuleBlocks(files).map((found): [FoundBlock, Attribute | undefined, Attribute | undefined] => [
      found,
      found.block.body.attributes.get('kubernetes_version') ?? found.block.body.attributes.get('cluster_version'),
      found.block.body.attributes.get('name') ?? found.block.body.attributes.get('cluster_name'),
    ]),
  ];
  for (const [index, [found, attribute, name]] of candidates.entries()) {
    if (!attribute) continue;
    const version = asText(evaluate(attribute.value, scope));
    if (!version) continue;
    const result: ClusterVersion = { version, origin: valueOrigin(found, attribute, scope, env) };
    const others = candidates.slice(index + 1).flatMap(([other, otherAttribute]): OtherCluster[] => {
      if (!otherAttribute || !isCreated(other.block, scope)) return [];
      const otherSite = locateValue(otherAttribute.value, { path: other.file.path, line: otherAttribute.line }, scope, shared);
      return [{ address: other.address, path: other.file.path, line: otherAttribute.line, ...(otherSite ? { versionSite: otherSite } : {}) }];
    });
    if (others.length > 0) result.otherClusters = others;
    const region = providerRegion(files, scope);
    if (region) result.region = region;
    const site = locateValue(attribute.value, { path: found.file.path, line: attribute.line }, scope, shared);
    if (site) result.site = site;
    const cluster = name && asText(evaluate(name.value, scope));
    if (cluster) result.cluster = cluster;
    else {
      const output = nameOutput(files, found.address);
      result.clusterNameSource = { path: found.file.path, line: name?.line ?? found.block.line, ...(output ? { output } : {}) };
    }
    return result;
  }
  return undefined;
}

/**
 * The output of the root module whose value is the cluster's name: module.X.cluster_name (or
 * .name) for the EKS module, aws_eks_cluster.X.name (or .id, which is the name) for the resource.
 */
function nameOutput(files: readonly ModuleFile[], address: string): string | undefined {
  const [root, label] = address.split('.');
  const attributes = root === 'module' ? ['cluster_name', 'name'] : ['name', 'id'];
  for (const file of files) {
    for (const block of blocksOf(file.body, 'output')) {
      const value = unwrapped(block.body.attributes.get('value')?.value);
      if (value?.kind !== 'reference' || value.root !== root) continue;
      // aws_eks_cluster.this[0].name: the index does not change which attribute it is.
      const path = value.path.filter((step) => typeof step === 'string');
      if (path.length === 2 && path[0] === label && attributes.includes(path[1] as string) && block.labels[0]) return block.labels[0];
    }
  }
  return undefined;
}

/** The region of the default (un-aliased) aws provider, where the clusters of a root module live. */
function providerRegion(files: readonly ModuleFile[], scope: EnvironmentScope): string | undefined {
  for (const file of files) {
    for (const block of blocksOf(file.body, 'provider')) {
      if (block.labels[0] !== 'aws' || block.body.attributes.has('alias')) continue;
      const region = block.body.attributes.get('region');
      return region && asText(evaluate(region.value, scope));
    }
  }
  return undefined;
}

/** "${module.eks.cluster_name}" is the reference itself. */
function unwrapped(value: Expr | undefined): Expr | undefined {
  return value?.kind === 'template' && value.parts.length === 1 && typeof value.parts[0] !== 'string' ? value.parts[0] : value;
}

/** Where a value was set: the tfvars line (or variable default) for `var.x`, else the attribute itself. */
export function valueOrigin(found: FoundBlock, attribute: Attribute, scope: EnvironmentScope, env: string | undefined): TerraformOrigin {
  const value = attribute.value;
  if (value.kind === 'reference' && value.root === 'var' && value.path.length === 1) {
    const set = scope.originOf(String(value.path[0]));
    if (set) return { ...set, address: found.address };
  }
  return originOf(found, attribute.line, env);
}
