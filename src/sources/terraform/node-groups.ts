// Managed node groups of an environment: aws_eks_node_group resources and the node-group
// maps of the terraform-aws-modules EKS module (eks_managed_node_groups merged over
// eks_managed_node_group_defaults), plus its eks-managed-node-group submodule.
import type { NodeGroupFact, ValueSite } from '../../core/inventory.js';
import { locateValue } from './locate.js';
import { asObject, asText, evaluate, type Value } from './evaluate.js';
import { isCreated, moduleBlocks, originOf, resourceBlocks, type FoundBlock } from './blocks.js';
import { eksModuleBlocks } from './eks-cluster.js';
import { blocksOf, type Body, type ObjectEntry } from './syntax.js';
import type { EnvironmentScope, ModuleFile } from './variables.js';

const NODE_GROUP_SUBMODULE = /terraform-aws-modules\/eks\/aws\/\/modules\/eks-managed-node-group$/;

/** `clusterSite`: where the control plane's version is set, which groups without their own follow. */
export function nodeGroups(files: readonly ModuleFile[], scope: EnvironmentScope, env: string | undefined, clusterVersion: string | undefined, clusterSite?: ValueSite, shared = false): NodeGroupFact[] {
  const groups: NodeGroupFact[] = [];
  for (const found of resourceBlocks(files, (type) => type === 'aws_eks_node_group')) {
    if (!isCreated(found.block, scope)) continue;
    const group = fromResource(found, scope, env, clusterVersion);
    // Without `version`, an aws_eks_node_group keeps the version it was created at.
    const attribute = found.block.body.attributes.get('version');
    const site = attribute && locateValue(attribute.value, { path: found.file.path, line: attribute.line }, scope, shared);
    if (site) group.versionSite = site;
    const amiType = found.block.body.attributes.get('ami_type');
    const amiSite = amiType && locateValue(amiType.value, { path: found.file.path, line: amiType.line }, scope, shared);
    if (amiSite) group.amiTypeSite = amiSite;
    groups.push(group);
  }
  for (const found of eksModuleBlocks(files)) {
    if (!isCreated(found.block, scope)) continue;
    // A root module may declare several clusters: each module call's groups follow its own control plane.
    const own = found.block.body.attributes.get('kubernetes_version') ?? found.block.body.attributes.get('cluster_version');
    const ownVersion = own && asText(evaluate(own.value, scope));
    const ownSite = own && locateValue(own.value, { path: found.file.path, line: own.line }, scope, shared);
    for (const group of fromEksModule(found, scope, env, ownVersion ?? clusterVersion)) {
      // The module gives each group its own version, else the defaults', else the control plane's.
      const site = groupSettingSite(found, group.name, VERSION_KEYS, scope, shared) ?? ownSite ?? clusterSite;
      if (site) group.versionSite = site;
      const amiSite = groupSettingSite(found, group.name, ['ami_type'], scope, shared);
      if (amiSite) group.amiTypeSite = amiSite;
      groups.push(group);
    }
  }
  for (const found of moduleBlocks(files, (source) => NODE_GROUP_SUBMODULE.test(source))) {
    if (!isCreated(found.block, scope)) continue;
    const settings = asObject(evaluateBody(found.block.body, scope)) ?? {};
    groups.push(fromSettings(found.block.labels[0] ?? '', settings, clusterVersion, originOf(found, found.block.line, env)));
  }
  return groups;
}

function fromResource(found: FoundBlock, scope: EnvironmentScope, env: string | undefined, clusterVersion: string | undefined): NodeGroupFact {
  const attributes = found.block.body.attributes;
  const text = (name: string) => {
    const attribute = attributes.get(name);
    return attribute ? asText(evaluate(attribute.value, scope)) : undefined;
  };
  const group: NodeGroupFact = {
    name: text('node_group_name') ?? text('node_group_name_prefix') ?? found.block.labels[1]!,
    origin: originOf(found, found.block.line, env),
  };
  const version = text('version') ?? clusterVersion;
  if (version) group.version = version;
  const releaseVersion = text('release_version');
  if (releaseVersion) group.releaseVersion = releaseVersion;
  const amiType = text('ami_type');
  if (amiType) group.amiType = amiType;
  const scaling = firstBlock(found.block.body, 'scaling_config', scope);
  if (typeof scaling.desired_size === 'number') group.desiredSize = scaling.desired_size;
  const maxUnavailable = maxUnavailableOf(firstBlock(found.block.body, 'update_config', scope));
  if (maxUnavailable) group.maxUnavailable = maxUnavailable;
  return group;
}

function fromEksModule(found: FoundBlock, scope: EnvironmentScope, env: string | undefined, clusterVersion: string | undefined): NodeGroupFact[] {
  const attributes = found.block.body.attributes;
  const defaults = asObject(attributes.get('eks_managed_node_group_defaults') && evaluate(attributes.get('eks_managed_node_group_defaults')!.value, scope)) ?? {};
  const groupsAttribute = attributes.get('eks_managed_node_groups');
  if (!groupsAttribute) return [];
  const groups = asObject(evaluate(groupsAttribute.value, scope)) ?? {};
  // With a literal map each group is located at its own key; with a variable, at the attribute.
  const entryLines = new Map<string, number>();
  if (groupsAttribute.value.kind === 'object') {
    for (const entry of groupsAttribute.value.entries) {
      const key = evaluate(entry.key, scope);
      if (typeof key === 'string') entryLines.set(key, entry.line);
    }
  }
  return Object.entries(groups).map(([key, settings]) =>
    fromSettings(key, { ...defaults, ...(asObject(settings) ?? {}) }, clusterVersion, originOf(found, entryLines.get(key) ?? groupsAttribute.line, env)),
  );
}

const VERSION_KEYS = ['kubernetes_version', 'cluster_version'];

/** Where one of `keys` is set for the group: in its own entry, else in the node-group defaults. */
function groupSettingSite(found: FoundBlock, name: string, keys: readonly string[], scope: EnvironmentScope, shared: boolean): ValueSite | undefined {
  const attributes = found.block.body.attributes;
  const groups = attributes.get('eks_managed_node_groups')?.value;
  const defaults = attributes.get('eks_managed_node_group_defaults')?.value;
  const keyOf = (entry: ObjectEntry) => asText(evaluate(entry.key, scope));
  const groupEntry = groups?.kind === 'object' ? groups.entries.find((entry) => keyOf(entry) === name || nameOf(entry, scope) === name) : undefined;
  for (const holder of [groupEntry?.value, defaults]) {
    if (holder?.kind !== 'object') continue;
    const entry = holder.entries.find((candidate) => keys.includes(keyOf(candidate) ?? ''));
    if (entry) return locateValue(entry.value, { path: found.file.path, line: entry.line }, scope, shared);
  }
  return undefined;
}

function nameOf(entry: ObjectEntry, scope: EnvironmentScope): string | undefined {
  return asText(asObject(evaluate(entry.value, scope))?.name);
}

function fromSettings(key: string, settings: Record<string, Value>, clusterVersion: string | undefined, origin: NodeGroupFact['origin']): NodeGroupFact {
  const group: NodeGroupFact = { name: asText(settings.name) ?? key, origin };
  const version = asText(settings.kubernetes_version) ?? asText(settings.cluster_version) ?? clusterVersion;
  if (version) group.version = version;
  const releaseVersion = asText(settings.ami_release_version);
  if (releaseVersion) group.releaseVersion = releaseVersion;
  const amiType = asText(settings.ami_type);
  if (amiType) group.amiType = amiType;
  if (typeof settings.desired_size === 'number') group.desiredSize = settings.desired_size;
  const updateConfig = settings.update_config;
  const maxUnavailable = updateConfig === undefined || updateConfig === null ? MODULE_MAX_UNAVAILABLE : maxUnavailableOf(asObject(updateConfig) ?? {});
  if (maxUnavailable) group.maxUnavailable = maxUnavailable;
  return group;
}

/**
 * The EKS module's eks-managed-node-group submodule replaces an unset update_config with
 * { max_unavailable_percentage = 33 } (a non-nullable variable default; v20 and v21 alike).
 */
const MODULE_MAX_UNAVAILABLE = '33%';

function maxUnavailableOf(updateConfig: Record<string, Value>): string | undefined {
  if (typeof updateConfig.max_unavailable === 'number') return String(updateConfig.max_unavailable);
  if (typeof updateConfig.max_unavailable_percentage === 'number') return `${updateConfig.max_unavailable_percentage}%`;
  return undefined;
}

function firstBlock(body: Body, type: string, scope: EnvironmentScope): Record<string, Value> {
  const block = blocksOf(body, type)[0];
  return block ? (asObject(evaluateBody(block.body, scope)) ?? {}) : {};
}

/** A block body as an object of its attributes (nested blocks are not needed here). */
function evaluateBody(body: Body, scope: EnvironmentScope): Value {
  const object: Record<string, Value> = {};
  for (const attribute of body.attributes.values()) object[attribute.name] = evaluate(attribute.value, scope);
  return object;
}
