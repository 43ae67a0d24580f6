// Helm charts installed by Terraform's helm provider (helm_release), for the chart and
// add-on checks.
import type { ChartReference } from '../../core/inventory.js';
import { asText, evaluate } from './evaluate.js';
import { isCreated, originOf, resourceBlocks } from './blocks.js';
import { locateValue } from './locate.js';
import type { EnvironmentScope, ModuleFile } from './variables.js';

export function helmReleases(files: readonly ModuleFile[], scope: EnvironmentScope, env: string | undefined, shared = false): ChartReference[] {
  const charts: ChartReference[] = [];
  for (const found of resourceBlocks(files, (type) => type === 'helm_release')) {
    if (!isCreated(found.block, scope)) continue;
    const text = (name: string) => {
      const attribute = found.block.body.attributes.get(name);
      return attribute ? asText(evaluate(attribute.value, scope)) : undefined;
    };
    const chart = text('chart');
    if (!chart) continue;
    const reference: ChartReference = { chart, origin: originOf(found, found.block.line, env) };
    const version = text('version');
    if (version) reference.version = version;
    const versionAttribute = found.block.body.attributes.get('version');
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
