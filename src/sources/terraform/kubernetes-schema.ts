// Where the kubernetes provider's HCL schema (hashicorp/kubernetes, registry.terraform.io/
// providers/hashicorp/kubernetes/latest/docs) departs from the Kubernetes object it writes.
// The regular rule is applied by ./kubernetes-object.ts: snake_case names become camelCase
// and a nested block becomes one object. Everything irregular is in this one table.

/**
 * Nested blocks that are repeated in HCL and are one list in Kubernetes, by their Kubernetes
 * name. A `parent/block` key decides where the same block name has both forms.
 */
const LIST_BLOCKS: Readonly<Record<string, string>> = {
  container: 'containers',
  init_container: 'initContainers',
  port: 'ports',
  ports: 'ports',
  env: 'env',
  env_from: 'envFrom',
  volume: 'volumes',
  volume_mount: 'volumeMounts',
  volume_device: 'volumeDevices',
  volume_claim_template: 'volumeClaimTemplates',
  toleration: 'tolerations',
  topology_spread_constraint: 'topologySpreadConstraints',
  readiness_gate: 'readinessGates',
  image_pull_secrets: 'imagePullSecrets',
  host_aliases: 'hostAliases',
  match_expressions: 'matchExpressions',
  match_fields: 'matchFields',
  node_selector_term: 'nodeSelectorTerms',
  // Under node_affinity the required term is one object holding nodeSelectorTerms; under
  // pod_affinity and pod_anti_affinity it is a list of terms.
  'pod_affinity/required_during_scheduling_ignored_during_execution': 'requiredDuringSchedulingIgnoredDuringExecution',
  'pod_anti_affinity/required_during_scheduling_ignored_during_execution': 'requiredDuringSchedulingIgnoredDuringExecution',
  preferred_during_scheduling_ignored_during_execution: 'preferredDuringSchedulingIgnoredDuringExecution',
  items: 'items',
  sources: 'sources',
  http_header: 'httpHeaders',
  option: 'options',
  sysctl: 'sysctls',
  rule: 'rules',
  path: 'paths',
  tls: 'tls',
  ingress: 'ingress',
  egress: 'egress',
  from: 'from',
  to: 'to',
  metric: 'metrics',
  policy: 'policies',
  subject: 'subjects',
};

/** Attributes whose Kubernetes name is not the camelCase of the HCL one (acronyms, mostly). */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  external_ips: 'externalIPs',
  cluster_ip: 'clusterIP',
  cluster_ips: 'clusterIPs',
  load_balancer_ip: 'loadBalancerIP',
  host_ip: 'hostIP',
  host_ipc: 'hostIPC',
  host_pid: 'hostPID',
  volume_id: 'volumeID',
  target_cpu_utilization_percentage: 'targetCPUUtilizationPercentage',
};

/**
 * Integer fields the provider declares as strings (so that an explicit "0" differs from
 * unset), e.g. kubernetes_deployment_v1 `replicas`; Kubernetes and the checks want numbers.
 * PDB min_available/max_unavailable stay strings: Kubernetes takes "50%" and 1 alike there.
 */
const STRING_INTEGERS: ReadonlySet<string> = new Set(['replicas', 'toleration_seconds']);

/**
 * Top-level arguments that configure Terraform or the provider rather than the object:
 * meta-arguments and the provider's wait_for_* switches.
 */
const NOT_OBJECT_FIELDS: ReadonlySet<string> = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
  'timeouts',
  'wait_for_rollout',
  'wait_for_load_balancer',
  'wait_for_completion',
  'wait_for_default_service_account',
]);

/** The Kubernetes list a repeated block belongs to, or undefined for a single-object block. */
export function listFieldOf(parent: string | undefined, block: string): string | undefined {
  return LIST_BLOCKS[`${parent}/${block}`] ?? LIST_BLOCKS[block];
}

export function fieldNameOf(name: string): string {
  return FIELD_NAMES[name] ?? name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

export function isStringInteger(name: string): boolean {
  return STRING_INTEGERS.has(name);
}

export function isObjectField(name: string): boolean {
  return !NOT_OBJECT_FIELDS.has(name);
}
