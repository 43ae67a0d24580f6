// Helm charts installed by Terraform: the helm provider's helm_release, and modules that wrap
// it and take the chart the same way (aws-ia/eks-blueprints-addon, which
// aws-ia/terraform-aws-eks-blueprints-addons calls once per add-on: chart, chart_version,
// repository, name), for the chart and add-on checks.
import type { ChartReference } from '../../core/inventory.js';
import { asText, evaluate, type Scope } from './evaluate.js';
import { isCreated, moduleBlocks, originOf, resourceBlocks, type FoundBlock } from './blocks.js';
import { locateValue } from './locate.js';
import type { EnvironmentScope, ModuleFile } from './variables.js';

export function helmReleases(files: readonly ModuleFile[], scope: EnvironmentScope, env: string | undefined, shared = false): ChartReference[] {
  const releases = resourceBlocks(files, (type) => type === 'helm_release').map((found) => ({ found, versionKey: 'version' }));
  const wrapped = moduleBlocks(files, (_source, block) => block.body.attributes.has('chart') && block.body.attributes.has('chart_version')).map((found) => ({ found, versionKey: 'chart_version' }));
  const charts: ChartReference[] = [];
  for (const { found, versionKey } of [...releases, ...wrapped]) {
    if (!isCreated(found.block, scope) || isSwitchedOff(found, scope)) continue;
    const text = (name: string) => {
      const attribute = found.block.body.attributes.get(name);
      return attribute ? asText(evaluate(attribute.value, scope)) : undefined;
    };
    const chart = text('chart');
    if (!chart) continue;
    const reference: ChartReference = { chart, origin: originOf(found, found.block.line, env) };
    const version = text(versionKey);
    if (version) reference.version = version;
    const versionAttribute = found.block.body.attributes.get(versionKey);
    const site = versionAttribute && locateValue(versionAttribute.value, { path: found.file.path, line: versionAttribute.line }, scope, shared);
    if (site) reference.versionSite = site;
    const repository = text('repository');
    if (repository) reference.repository = repository;
    const release = text('name');
    if (release) reference.release = release;
    if (env) reference.env = env;
    charts.push(reference);
  }
  return charts;
}

/** A wrapping module told not to install the chart: `create = false` (nothing at all) or `create_release = false`. */
function isSwitchedOff(found: FoundBlock, scope: Scope): boolean {
  if (!found.address.startsWith('module.')) return false;
  return ['create', 'create_release'].some((name) => {
    const attribute = found.block.body.attributes.get(name);
    return attribute !== undefined && evaluate(attribute.value, scope) === false;
  });
}
