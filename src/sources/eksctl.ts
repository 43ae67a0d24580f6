// eksctl ClusterConfig files: one environment per cluster (metadata.name), with its
// version, managed and self-managed node groups, and pinned EKS add-ons.
import { profileNamespaces, type EksAddonReference, type EnvironmentFact, type FargateProfileFact, type NodeGroupFact } from '../core/inventory.js';
import type { Finding, Origin } from '../core/types.js';
import { inputInvalid } from './input-problem.js';
import { readLocatedYaml, recordOf, textOf } from './yaml-located.js';

export interface ClusterDescription {
  environments: EnvironmentFact[];
  eksAddons: EksAddonReference[];
  findings: Finding[];
}

export function looksLikeEksctl(text: string): boolean {
  return text.includes('eksctl.io/') && /^kind:\s*["']?ClusterConfig/m.test(text);
}

export function readEksctl(text: string, path: string): ClusterDescription {
  const document = readLocatedYaml(text);
  if (!('data' in document)) {
    const origin: Origin = { type: 'file', path, line: document.line, column: document.column };
    return { environments: [], eksAddons: [], findings: [inputInvalid(origin, `${path}:${document.line}:${document.column}: invalid eksctl ClusterConfig: ${document.message}; fix the syntax (eksctl would reject this file too)`)] };
  }
  const config = recordOf(document.data);
  const metadata = recordOf(config.metadata);
  const name = textOf(metadata.name) ?? path;
  const at = (...keys: (string | number)[]): Origin => ({ type: 'file', path, line: document.lineOf(keys), column: 1 });
  const version = textOf(metadata.version);
  const environment: EnvironmentFact = { name, nodeGroups: [...nodeGroupsOf(config, 'managedNodeGroups', version, at), ...nodeGroupsOf(config, 'nodeGroups', version, at)] };
  if (version) Object.assign(environment, { clusterVersion: version, origin: at('metadata', 'version'), versionSite: { path, line: document.lineOf(['metadata', 'version']), value: version } });
  environment.cluster = name;
  const region = textOf(metadata.region);
  if (region) environment.region = region;
  const fargate = (Array.isArray(config.fargateProfiles) ? config.fargateProfiles : []).map((item, index): FargateProfileFact => {
    const profile = recordOf(item);
    const selectors = Array.isArray(profile.selectors) ? profile.selectors : [];
    const namespaces = profileNamespaces(selectors.map((selector) => textOf(recordOf(selector).namespace)));
    return { name: textOf(profile.name) ?? `fargateProfiles[${index}]`, namespaces, origin: at('fargateProfiles', index) };
  });
  if (fargate.length > 0) environment.fargateProfiles = fargate;
  const eksAddons = (Array.isArray(config.addons) ? config.addons : []).flatMap((item, index): EksAddonReference[] => {
    const addon = recordOf(item);
    const addonName = textOf(addon.name);
    if (!addonName) return [];
    const reference: EksAddonReference = { name: addonName, env: name, origin: at('addons', index) };
    const addonVersion = textOf(addon.version);
    if (addonVersion) reference.version = addonVersion;
    if (addonVersion) reference.versionSite = { path, line: document.lineOf(['addons', index, 'version']), value: addonVersion };
    return [reference];
  });
  return { environments: [environment], eksAddons, findings: [] };
}

function nodeGroupsOf(config: Record<string, unknown>, key: string, version: string | undefined, at: (...keys: (string | number)[]) => Origin): NodeGroupFact[] {
  return (Array.isArray(config[key]) ? config[key] : []).map((item, index) => {
    const settings = recordOf(item);
    const group: NodeGroupFact = { name: textOf(settings.name) ?? `${key}[${index}]`, origin: at(key, index) };
    // eksctl node groups follow the control plane unless they are upgraded separately.
    if (version) group.version = version;
    const amiFamily = textOf(settings.amiFamily);
    if (amiFamily) group.amiType = amiFamily;
    if (key === 'nodeGroups') group.selfManaged = true;
    // ami: auto, auto-ssm and static let eksctl choose the EKS-optimized AMI for the version.
    const ami = textOf(settings.ami);
    if (ami?.startsWith('ami-')) group.ami = ami;
    if (typeof settings.desiredCapacity === 'number') group.desiredSize = settings.desiredCapacity;
    const update = recordOf(settings.updateConfig);
    if (typeof update.maxUnavailable === 'number') group.maxUnavailable = String(update.maxUnavailable);
    else if (typeof update.maxUnavailablePercentage === 'number') group.maxUnavailable = `${update.maxUnavailablePercentage}%`;
    return group;
  });
}
