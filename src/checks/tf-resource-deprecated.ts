// tf-resource-deprecated: a Terraform kubernetes_* resource type that writes an API which is
// deprecated or removed at the target. The fix is a different resource type (and a state
// move), not an apiVersion edit, so it gets its own finding next to api-removed.
import { compareKubeVersions } from '../core/kube-version.js';
import { terraformKubernetesResource } from '../knowledge/terraform-kubernetes.js';
import { resourceRef } from '../core/describe.js';
import type { Check } from './types.js';

export const tfResourceDeprecatedCheck: Check = {
  ids: ['tf-resource-deprecated'],
  checkResource(resource, context) {
    if (resource.origin.type !== 'terraform' || !resource.origin.address) return [];
    const address = resource.origin.address;
    const type = address.split('.').at(-2) ?? '';
    const row = terraformKubernetesResource(type);
    const api = row && context.knowledge.apis.lookup(row.apiVersion, row.kind);
    if (!row || !api) return [];
    const removed = api.removedIn !== null && compareKubeVersions(api.removedIn, context.target) <= 0;
    const deprecated = api.deprecatedIn !== null && compareKubeVersions(api.deprecatedIn, context.target) <= 0;
    if (!removed && !deprecated) return [];
    const status = removed ? `removed in ${api.removedIn}` : `deprecated since ${api.deprecatedIn}`;
    const fix = row.replacement ? `replace it with ${row.replacement} (${api.replacement ?? 'a served API'}) and move the object over (terraform state rm on the old address, terraform import on the new one)` : 'remove it';
    return [
      {
        id: 'tf-resource-deprecated',
        severity: removed ? 'error' : 'warning',
        message: `${address}: ${type} writes ${row.apiVersion} ${row.kind}, ${status}; ${fix}${row.note ? ` — ${row.note}` : ''}`,
        resource: resourceRef(resource),
        origin: resource.origin,
        details: { resourceType: type, apiVersion: row.apiVersion, replacementResourceType: row.replacement ?? null, removedIn: api.removedIn, deprecatedIn: api.deprecatedIn, source: row.source },
      },
    ];
  },
};
