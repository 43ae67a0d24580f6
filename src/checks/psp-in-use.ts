// psp-in-use: PodSecurityPolicy objects when the target no longer serves them; the way forward is Pod Security
// Admission namespace labels (or a policy engine), not another apiVersion.
import { compareKubeVersions } from '../core/kube-version.js';
import { describeResource, resourceRef } from '../core/describe.js';
import type { Check } from './types.js';

const PSA_GUIDE = 'https://kubernetes.io/docs/tasks/configure-pod-container/migrate-from-psp/';

export const pspInUseCheck: Check = {
  ids: ['psp-in-use'],
  checkResource(resource, context) {
    if (resource.kind !== 'PodSecurityPolicy') return [];
    const removedIn = context.knowledge.apis.lookup(resource.apiVersion, resource.kind)?.removedIn;
    if (!removedIn || compareKubeVersions(removedIn, context.target) > 0) return [];
    return [
      {
        id: 'psp-in-use',
        severity: 'error',
        message: `${describeResource(resource)}: PodSecurityPolicy is not served from ${removedIn} and has no replacement API; label namespaces for Pod Security Admission (pod-security.kubernetes.io/enforce: baseline or restricted; start with audit and warn) or use a policy engine, then delete the policy and the RBAC rules granting "use" on it`,
        resource: resourceRef(resource),
        origin: resource.origin,
        details: { removedIn, migration: 'Pod Security Admission', source: PSA_GUIDE },
      },
    ];
  },
};
