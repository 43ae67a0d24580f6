// PodSecurityPolicy has no successor API: it is replaced by Pod Security Admission labels on
// namespaces (or a policy engine). Nothing is rewritten; the report says what to do.
import type { Migration } from './types.js';

export const podSecurityPolicy: Migration = {
  handles: (_apiVersion, kind) => kind === 'PodSecurityPolicy',
  migrate: () => ({
    manual:
      'PodSecurityPolicy has no replacement API: label the namespaces it protected with pod-security.kubernetes.io/enforce (privileged, baseline or restricted), then delete this object and the RBAC rules that grant "use" on it',
  }),
  apiVersionLineSuffices: () => false,
};
