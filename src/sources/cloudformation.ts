// CloudFormation templates (YAML with the short-form intrinsic tags, or JSON): one
// environment per AWS::EKS::Cluster, with its node groups and add-ons. !Ref to a parameter
// (also inside !Sub) resolves to the parameter's Default, which is what a stack gets unless
// overridden.
import type { Tags } from 'yaml';
import { profileNamespaces, type EksAddonReference, type EnvironmentFact, type FargateProfileFact, type NodeGroupFact, type ValueSite } from '../core/inventory.js';
import type { Origin } from '../core/types.js';
import type { ClusterDescription } from './eksctl.js';
import { inputInvalid } from './input-problem.js';
import { readLocatedYaml, recordOf, textOf } from './yaml-located.js';

interface CfnResource {
  id: string;
  Type?: unknown;
  Properties?: unknown;
}

const INTRINSICS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Condition', 'GetAtt', 'Ref'];

/** `!Ref X` → `{ Ref: X }`, `!Sub ...` → `{ 'Fn::Sub': ... }`: the long forms JSON templates use. */
const CLOUDFORMATION_TAGS: Tags = INTRINSICS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const wrap = (value: unknown) => ({ [key]: name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value });
  return [
    { tag: `!${name}`, resolve: (value: string) => wrap(value) },
    // A collection arrives as a YAML node, which toJS() would leave inside the plain object.
    { tag: `!${name}`, collection: 'seq' as const, resolve: (value: { toJSON(): unknown }) => wrap(value.toJSON()) },
    { tag: `!${name}`, collection: 'map' as const, resolve: (value: { toJSON(): unknown }) => wrap(value.toJSON()) },
  ];
});

export function looksLikeCloudFormation(text: string): boolean {
  return text.includes('AWS::EKS::');
}

export function readCloudFormation(text: string, path: string): ClusterDescription {
  const document = readLocatedYaml(text, { customTags: CLOUDFORMATION_TAGS });
  if (!('data' in document)) {
    const origin: Origin = { type: 'file', path, line: document.line, column: document.column };
    return { environments: [], eksAddons: [], findings: [inputInvalid(origin, `${path}:${document.line}:${document.column}: invalid CloudFormation template: ${document.message}; fix the syntax (cfn-lint reports it too)`)] };
  }
  const template = recordOf(document.data);
  const parameters = recordOf(template.Parameters);
  const resources = Object.entries(recordOf(template.Resources)).map(([id, value]): CfnResource => ({ id, ...recordOf(value) }));
  const resolve = (value: unknown): string | undefined => resolveText(value, parameters);
  const at = (...keys: string[]): Origin => ({ type: 'file', path, line: document.lineOf(keys), column: 1 });
  // A value given by `!Ref Parameter` is set at the parameter's Default; a literal where it stands.
  const siteOf = (value: unknown, ...keys: string[]): ValueSite | undefined => {
    const text = resolve(value);
    if (text === undefined) return undefined;
    const reference = textOf(recordOf(value).Ref);
    if (reference !== undefined) return { path, line: document.lineOf(['Parameters', reference, 'Default']), value: text };
    return typeof value === 'string' || typeof value === 'number' ? { path, line: document.lineOf(keys), value: text } : undefined;
  };

  const environments: EnvironmentFact[] = [];
  const eksAddons: EksAddonReference[] = [];
  for (const cluster of resources.filter((resource) => resource.Type === 'AWS::EKS::Cluster')) {
    const properties = recordOf(cluster.Properties);
    const name = resolve(properties.Name) ?? cluster.id;
    const belongs = (resource: CfnResource) => textOf(recordOf(recordOf(resource.Properties).ClusterName).Ref) === cluster.id || resolve(recordOf(resource.Properties).ClusterName) === name;
    const version = resolve(properties.Version);
    const nodeGroups = resources
      .filter((resource) => resource.Type === 'AWS::EKS::Nodegroup' && belongs(resource))
      .map((resource): NodeGroupFact => {
        const settings = recordOf(resource.Properties);
        const group: NodeGroupFact = { name: resolve(settings.NodegroupName) ?? resource.id, origin: at('Resources', resource.id) };
        const groupVersion = resolve(settings.Version) ?? version;
        if (groupVersion) group.version = groupVersion;
        const groupSite = siteOf(settings.Version, 'Resources', resource.id, 'Properties', 'Version');
        if (groupSite) group.versionSite = groupSite;
        const releaseVersion = resolve(settings.ReleaseVersion);
        if (releaseVersion) group.releaseVersion = releaseVersion;
        const amiType = resolve(settings.AmiType);
        if (amiType) group.amiType = amiType;
        const amiSite = siteOf(settings.AmiType, 'Resources', resource.id, 'Properties', 'AmiType');
        if (amiSite) group.amiTypeSite = amiSite;
        const desired = recordOf(settings.ScalingConfig).DesiredSize;
        if (typeof desired === 'number') group.desiredSize = desired;
        const update = recordOf(settings.UpdateConfig);
        if (typeof update.MaxUnavailable === 'number') group.maxUnavailable = String(update.MaxUnavailable);
        else if (typeof update.MaxUnavailablePercentage === 'number') group.maxUnavailable = `${update.MaxUnavailablePercentage}%`;
        return group;
      });
    const environment: EnvironmentFact = { name, nodeGroups };
    const fargate = resources
      .filter((resource) => resource.Type === 'AWS::EKS::FargateProfile' && belongs(resource))
      .map((resource): FargateProfileFact => {
        const settings = recordOf(resource.Properties);
        const selectors = Array.isArray(settings.Selectors) ? settings.Selectors : [];
        const namespaces = profileNamespaces(selectors.map((selector) => resolve(recordOf(selector).Namespace)));
        return { name: resolve(settings.FargateProfileName) ?? resource.id, namespaces, origin: at('Resources', resource.id) };
      });
    if (fargate.length > 0) environment.fargateProfiles = fargate;
    if (version) Object.assign(environment, { clusterVersion: version, origin: at('Resources', cluster.id, 'Properties', 'Version') });
    const site = siteOf(properties.Version, 'Resources', cluster.id, 'Properties', 'Version');
    if (site) environment.versionSite = site;
    environment.cluster = name;
    environments.push(environment);
    for (const resource of resources.filter((candidate) => candidate.Type === 'AWS::EKS::Addon' && belongs(candidate))) {
      const settings = recordOf(resource.Properties);
      const addonName = resolve(settings.AddonName);
      if (!addonName) continue;
      const addon: EksAddonReference = { name: addonName, env: name, origin: at('Resources', resource.id) };
      const addonVersion = resolve(settings.AddonVersion);
      if (addonVersion) addon.version = addonVersion;
      const addonSite = siteOf(settings.AddonVersion, 'Resources', resource.id, 'Properties', 'AddonVersion');
      if (addonSite) addon.versionSite = addonSite;
      eksAddons.push(addon);
    }
  }
  return { environments, eksAddons, findings: [] };
}

/**
 * A property's text: a literal, `!Ref` to a parameter (its Default), or `!Sub` with `${Name}`
 * filled from the Sub's own variables or the parameter defaults (`${!Name}` stays literal).
 * Undefined when any part is only known when the stack is deployed (resources, pseudo parameters).
 */
function resolveText(value: unknown, parameters: Record<string, unknown>): string | undefined {
  const intrinsic = recordOf(value);
  const reference = textOf(intrinsic.Ref);
  if (reference !== undefined) return textOf(recordOf(parameters[reference]).Default);
  const sub = intrinsic['Fn::Sub'];
  if (sub === undefined) return textOf(value);
  const [template, variables] = Array.isArray(sub) ? [textOf(sub[0]), recordOf(sub[1])] : [textOf(sub), {}];
  if (template === undefined) return undefined;
  let unknown = false;
  const text = template.replace(/\$\{(!?)([^}]+)\}/g, (whole, literal: string, name: string) => {
    if (literal) return `\${${name}}`;
    const filled = name in variables ? resolveText(variables[name], parameters) : textOf(recordOf(parameters[name]).Default);
    if (filled === undefined) unknown = true;
    return filled ?? whole;
  });
  return unknown ? undefined : text;
}
