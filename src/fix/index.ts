// The registry of migrations, one per API family: adding a family is one file and one line.
import { appsWorkloads } from './apps-workloads.js';
import { certManager } from './cert-manager.js';
import { crd } from './crd.js';
import { endpointSlice } from './endpoint-slice.js';
import { event } from './event.js';
import { flowcontrol } from './flowcontrol.js';
import { gatewayApi } from './gateway-api.js';
import { hpa } from './hpa.js';
import { ingress } from './ingress.js';
import { pdb } from './pdb.js';
import { podSecurityPolicy } from './pod-security-policy.js';
import type { Migration } from './types.js';
import { versionBumps } from './version-bumps.js';
import { webhook } from './webhook.js';

export const migrations: Record<string, Migration> = {
  'apps-workloads': appsWorkloads,
  ingress,
  hpa,
  pdb,
  'endpoint-slice': endpointSlice,
  event,
  flowcontrol,
  crd,
  webhook,
  'version-bumps': versionBumps,
  'cert-manager': certManager,
  'gateway-api': gatewayApi,
  'pod-security-policy': podSecurityPolicy,
};

export function findMigration(apiVersion: string, kind: string): { family: string; migration: Migration } | undefined {
  for (const [family, migration] of Object.entries(migrations)) {
    if (migration.handles(apiVersion, kind)) return { family, migration };
  }
  return undefined;
}
