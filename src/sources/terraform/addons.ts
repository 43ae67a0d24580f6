// EKS managed add-ons pinned in Terraform: aws_eks_addon resources and the EKS module's
// cluster_addons map (`addons` from v21 on).
import type { EksAddonReference } from '../../core/inventory.js';
import { asObject, asText, evaluate } from './evaluate.js';
import { isCreated, originOf, resourceBlocks } from './blocks.js';
import { eksModuleBlocks } from './eks-cluster.js';
import { locateValue } from './locate.js';
import type { EnvironmentScope, ModuleFile } from './variables.js';

export function eksAddons(files: readonly ModuleFile[], scope: EnvironmentScope, env: string | undefined, shared = false): EksAddonReference[] {
  const addons: EksAddonReference[] = [];
  for (const found of resourceBlocks(files, (type) => type === 'aws_eks_addon')) {
    if (!isCreated(found.block, scope)) continue;
    const attributes = found.block.body.attributes;
    const name = attributes.get('addon_name') && asText(evaluate(attributes.get('addon_name')!.value, scope));
    if (!name) continue;
    const addon: EksAddonReference = { name, origin: originOf(found, found.block.line, env) };
    const versionAttribute = attributes.get('addon_version');
    const version = versionAttribute && asText(evaluate(versionAttribute.value, scope));
    if (version) addon.version = version;
    const site = versionAttribute && locateValue(versionAttribute.value, { path: found.file.path, line: versionAttribute.line }, scope, shared);
    if (site) addon.versionSite = site;
    if (env) addon.env = env;
    addons.push(addon);
  }
  for (const found of eksModuleBlocks(files)) {
    const attribute = found.block.body.attributes.get('addons') ?? found.block.body.attributes.get('cluster_addons');
    if (!attribute || !isCreated(found.block, scope)) continue;
    // v21's `addons` look up the most recent version by default, v20's `cluster_addons` EKS's default.
    const mostRecentByDefault = found.block.body.attributes.has('addons');
    for (const [key, settings] of Object.entries(asObject(evaluate(attribute.value, scope)) ?? {})) {
      const entry = asObject(settings);
      const name = asText(entry?.name) ?? key;
      const addon: EksAddonReference = { name, origin: originOf(found, attribute.line, env) };
      const version = asText(entry?.addon_version);
      if (version) addon.version = version;
      // No addon_version at all (not one that cannot be evaluated): the module looks one up for the cluster's version.
      else if (entry && (entry.addon_version === undefined || entry.addon_version === null)) {
        const mostRecent = typeof entry.most_recent === 'boolean' ? entry.most_recent : mostRecentByDefault;
        addon.followsControlPlane = mostRecent ? 'most-recent' : 'default';
      }
      // With a literal map, the version is located at its own key.
      const written = attribute.value.kind === 'object' ? attribute.value.entries.find((candidate) => asText(evaluate(candidate.key, scope)) === key) : undefined;
      const versionEntry = written?.value.kind === 'object' ? written.value.entries.find((candidate) => asText(evaluate(candidate.key, scope)) === 'addon_version') : undefined;
      const site = versionEntry && locateValue(versionEntry.value, { path: found.file.path, line: versionEntry.line }, scope, shared);
      if (site) addon.versionSite = site;
      if (env) addon.env = env;
      addons.push(addon);
    }
  }
  return addons;
}
