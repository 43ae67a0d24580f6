// Kubernetes objects that Terraform's kubernetes provider creates, as Resources: each
// kubernetes_* resource type writes a fixed API (data/terraform-kubernetes.yaml) with the
// object its blocks describe (./kubernetes-object.ts), and kubernetes_manifest carries the
// whole object in its `manifest` attribute.
import type { Resource } from '../../core/types.js';
import { terraformKubernetesResource } from '../../knowledge/terraform-kubernetes.js';
import { resourceFromObject, wantsObject, type ManifestOptions } from '../manifest-text.js';
import { asText, evaluate, UNKNOWN, type Value } from './evaluate.js';
import { isCreated, originOf, resourceBlocks } from './blocks.js';
import { typedObject } from './kubernetes-object.js';
import { blocksOf } from './syntax.js';
import type { EnvironmentScope, ModuleFile } from './variables.js';

/**
 * One Resource per resource block, whatever the number of environments: the objects are the
 * same in each, and a block is left out only when no environment creates it.
 */
export function kubernetesResources(files: readonly ModuleFile[], scopes: readonly EnvironmentScope[], options: ManifestOptions): Resource[] {
  const resources: Resource[] = [];
  for (const found of resourceBlocks(files, (type) => type.startsWith('kubernetes_'))) {
    const created = scopes.filter((scope) => isCreated(found.block, scope));
    if (created.length === 0) continue;
    const scope = created[0];
    const origin = originOf(found, found.block.line, undefined);
    const type = found.block.labels[0]!;
    if (type === 'kubernetes_manifest') {
      const manifest = found.block.body.attributes.get('manifest');
      const resource = manifest && resourceFromObject(plain(evaluate(manifest.value, scope)), origin, options);
      if (resource) resources.push(resource);
      continue;
    }
    const row = terraformKubernetesResource(type);
    if (!row) continue;
    const resource: Resource = { apiVersion: row.apiVersion, kind: row.kind, origin };
    const metadata = blocksOf(found.block.body, 'metadata')[0]?.body.attributes;
    const name = metadata?.get('name') && asText(evaluate(metadata.get('name')!.value, scope));
    const namespace = metadata?.get('namespace') && asText(evaluate(metadata.get('namespace')!.value, scope));
    if (name) resource.name = name;
    if (namespace) resource.namespace = namespace;
    if (wantsObject(options, row.kind)) resource.object = typedObject(row.apiVersion, row.kind, found.block.body, scope);
    resources.push(resource);
  }
  return resources;
}

/** The evaluated manifest with the parts Terraform only knows at apply time left out. */
function plain(value: Value): unknown {
  if (value === UNKNOWN) return undefined;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== UNKNOWN).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}
