// Kubernetes objects that Terraform's kubernetes provider creates, as Resources: each
// kubernetes_* resource type writes a fixed API (data/terraform-kubernetes.yaml) with the
// object its blocks describe, and kubernetes_manifest carries the whole object in its
// `manifest` attribute (./kubernetes-object.ts).
import type { KubeObject, Resource } from '../../core/types.js';
import { terraformKubernetesResource } from '../../knowledge/terraform-kubernetes.js';
import { resourceFromObject, type ManifestOptions } from '../manifest-text.js';
import { isCreated, originOf, resourceBlocks } from './blocks.js';
import { isKnownText, manifestObject, typedObject } from './kubernetes-object.js';
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
    const type = found.block.labels[0]!;
    let object: KubeObject | undefined;
    if (type === 'kubernetes_manifest') {
      const manifest = found.block.body.attributes.get('manifest');
      object = manifest && manifestObject(manifest.value, scope);
    } else {
      const row = terraformKubernetesResource(type);
      object = row && typedObject(row.apiVersion, row.kind, found.block.body, scope);
    }
    // An apiVersion or kind known only at apply time leaves nothing to judge.
    const resource = object && resourceFromObject(object, originOf(found, found.block.line, undefined), options, isKnownText);
    if (resource) resources.push(resource);
  }
  return resources;
}

