// The finding catalog (../shared/design/CHECKS.md): stable ids, default severities and one
// line each. Ids are SARIF rule ids and --checks names, so they never change once shipped.
import type { Severity } from './types.js';

export interface CatalogEntry {
  severity: Severity;
  summary: string;
}

export const CATALOG = {
  'api-removed': { severity: 'error', summary: 'The apiVersion/kind is not served at the target version (or at a hop on the way)' },
  'api-deprecated': { severity: 'warning', summary: 'The apiVersion/kind is deprecated at the target version but still served' },
  'field-removed': { severity: 'error', summary: 'A field, annotation or value the object sets stops working at the target (or at a hop on the way)' },
  'field-deprecated': { severity: 'warning', summary: 'A field, annotation or value the object sets is deprecated at the target' },
  'api-replacement-unavailable': { severity: 'warning', summary: 'The replacement API is not served at the current version: migrate between two hops' },
  'deprecated-api-called': { severity: 'error', summary: 'A live client still calls a deprecated or removed API' },
  'psp-in-use': { severity: 'error', summary: 'PodSecurityPolicy objects exist and the target is 1.25 or later' },
  'tf-resource-deprecated': { severity: 'warning', summary: 'A Terraform kubernetes_* resource type writes a deprecated or removed API' },
  'input-invalid': { severity: 'error', summary: 'An input could not be parsed or rendered' },
  'input-unrendered-template': { severity: 'info', summary: 'A Helm template was scanned without rendering; its findings have low confidence' },
  'pdb-blocks-eviction': { severity: 'error', summary: 'A PodDisruptionBudget allows zero voluntary disruptions' },
  'pdb-overlap': { severity: 'error', summary: 'Pods are selected by more than one PodDisruptionBudget' },
  'pdb-no-match': { severity: 'warning', summary: 'A PodDisruptionBudget selects no workload' },
  'pdb-empty-selector': { severity: 'warning', summary: 'A policy/v1beta1 PDB with an empty selector changes meaning in policy/v1' },
  'pdb-missing': { severity: 'warning', summary: 'A replicated workload has no PodDisruptionBudget' },
  'hpa-min-below-pdb': { severity: 'warning', summary: "An HPA's minReplicas is at or below its PDB's minAvailable" },
  'single-replica': { severity: 'warning', summary: 'A workload runs fewer than 2 replicas' },
  'recreate-strategy': { severity: 'info', summary: 'A Deployment uses strategy Recreate' },
  'readiness-probe-missing': { severity: 'warning', summary: 'A serving container has no readinessProbe' },
  'liveness-probe-missing': { severity: 'info', summary: 'A long-running container has no livenessProbe' },
  'zone-spread-missing': { severity: 'warning', summary: 'A replicated workload is not spread across zones' },
  'bare-pod': { severity: 'error', summary: 'A Pod has no controller' },
  'local-storage': { severity: 'warning', summary: 'A pod uses emptyDir storage that a drain deletes' },
  'long-termination-grace': { severity: 'warning', summary: 'Termination takes longer than the EKS 15-minute eviction window' },
  'nodegroup-pinned': { severity: 'warning', summary: 'Pods are pinned to a node group by name' },
  'zonal-volume': { severity: 'info', summary: 'A StatefulSet has zonal volumes' },
  'singleton-job': { severity: 'warning', summary: 'A job or workload must not run twice' },
  'docker-socket': { severity: 'error', summary: 'A pod mounts the Docker socket, gone since 1.24' },
  'addon-incompatible': { severity: 'error', summary: 'An add-on version does not support the target (or a hop on the way)' },
  'addon-upgrade-first': { severity: 'error', summary: 'An add-on must be upgraded before a control-plane hop' },
  'addon-outdated': { severity: 'warning', summary: 'An EKS add-on is older than the recommended version for the target' },
  'addon-advice': { severity: 'warning', summary: 'An add-on release needs a change before a hop when its install meets a condition the project names' },
  'addon-unknown': { severity: 'info', summary: 'An add-on was detected but its compatibility is unknown' },
  'kubelet-skew': { severity: 'error', summary: 'Kubelets would fall outside the allowed version skew' },
  'kube-proxy-skew': { severity: 'error', summary: 'kube-proxy is outside the allowed version skew' },
  'support-ended': { severity: 'error', summary: 'The current version is past the end of support' },
  'support-ending': { severity: 'warning', summary: 'The end of standard or extended support is within 90 days' },
  'al2-nodes': { severity: 'warning', summary: 'Nodes run Amazon Linux 2, which has no AMIs for 1.33 and later' },
  'ingress-nginx-retired': { severity: 'warning', summary: 'The ingress-nginx controller is retired upstream' },
} as const satisfies Record<string, CatalogEntry>;

export type FindingId = keyof typeof CATALOG;

export function isKnownFindingId(id: string): id is FindingId {
  return Object.hasOwn(CATALOG, id);
}
