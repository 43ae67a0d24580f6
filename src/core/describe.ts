// How findings name the objects they are about.
import type { Resource, ResourceRef } from './types.js';

/** "Ingress shop/web", "ClusterRole admin", "Deployment (unnamed)". */
export function describeResource(resource: Pick<Resource, 'kind' | 'namespace' | 'name'>): string {
  if (!resource.name) return `${resource.kind} (unnamed)`;
  return resource.namespace ? `${resource.kind} ${resource.namespace}/${resource.name}` : `${resource.kind} ${resource.name}`;
}

// Findings about the same object share one reference to it: several checks report on each
// workload, and a large estate's findings are kept until the report is made.
const refs = new WeakMap<Resource, ResourceRef>();

export function resourceRef(resource: Resource): ResourceRef {
  let ref = refs.get(resource);
  if (!ref) {
    ref = { apiVersion: resource.apiVersion, kind: resource.kind };
    if (resource.namespace) ref.namespace = resource.namespace;
    if (resource.name) ref.name = resource.name;
    refs.set(resource, ref);
  }
  return ref;
}
