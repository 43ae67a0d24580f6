// Gateway API alpha/beta versions → v1 for the kinds whose fields did not change on the way.
import { versionBumpFamily } from './version-bumps.js';

export const gatewayApi = versionBumpFamily({
  'gateway.networking.k8s.io': ['GatewayClass', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant'],
});
