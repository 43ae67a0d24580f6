// APIs whose replacement has the same fields (the deprecation guide: "no notable changes"):
// only the apiVersion line moves. RBAC, storage, scheduling, coordination, CronJob and kin.
import type { Migration } from './types.js';

export function versionBumpFamily(kindsByGroup: Readonly<Record<string, readonly string[]>>): Migration {
  return {
    handles: (apiVersion, kind) => kindsByGroup[groupOf(apiVersion)]?.includes(kind) ?? false,
    migrate: () => ({ operations: [], notes: [] }),
    apiVersionLineSuffices: () => true,
  };
}

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

export const versionBumps = versionBumpFamily({
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'storage.k8s.io': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment', 'CSIStorageCapacity', 'VolumeAttributesClass'],
  'scheduling.k8s.io': ['PriorityClass'],
  'coordination.k8s.io': ['Lease'],
  batch: ['CronJob'],
  // extensions/v1beta1 NetworkPolicy moves group as well as version, fields unchanged.
  extensions: ['NetworkPolicy'],
  'networking.k8s.io': ['IngressClass', 'IPAddress', 'ServiceCIDR'],
  'node.k8s.io': ['RuntimeClass'],
  'apiregistration.k8s.io': ['APIService'],
});
