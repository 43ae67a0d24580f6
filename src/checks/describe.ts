// How findings name the objects they are about.
import type { Resource, ResourceRef } from '../core/types.js';

/** "Ingress shop/web", "ClusterRole admin", "Deployment (unnamed)". */
export function describeResource(resource: Pick<Resource, 'kind' | 'namespace' | 'name'>): string {
  if (!resource.name) return `${resource.kind} (unnamed)`;
  return resource.namespace ? `${resource.kind} ${resource.namespace}/${resource.name}` : `${resource.kind} ${resource.name}`;
}

export function resourceRef(resource: Resource): ResourceRef {
  const ref: ResourceRef = { apiVersion: resource.apiVersion, kind: resource.kind };
  if (resource.namespace) ref.namespace = resource.namespace;
  if (resource.name) ref.name = resource.name;
  return ref;
}
