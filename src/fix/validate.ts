// The last gate before an edit is written: does the migrated object have what its kind
// requires at the new apiVersion? A migration that fails it is not applied.
import type { KubeObject } from '../core/types.js';
import { isRecord, listOf } from '../core/fields.js';
import { isEmptyRecord } from './operations.js';

type Validator = (object: Record<string, unknown>) => string[];

const POD_CONTROLLERS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

const VALIDATORS: Record<string, Validator> = {
  'apps/v1 *': validatePodController,
  'networking.k8s.io/v1 Ingress': validateIngress,
  'autoscaling/v2 HorizontalPodAutoscaler': validateHpa,
  'policy/v1 PodDisruptionBudget': (object) => (isEmptyRecord(at(object, 'spec', 'selector')) ? ['spec.selector is {}, which selects every pod in the namespace in policy/v1'] : []),
  'apiextensions.k8s.io/v1 CustomResourceDefinition': validateCrd,
  'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration': validateWebhooks,
  'admissionregistration.k8s.io/v1 MutatingWebhookConfiguration': validateWebhooks,
  'discovery.k8s.io/v1 EndpointSlice': (object) =>
    listOf(object.endpoints).some((endpoint) => isRecord(endpoint) && 'topology' in endpoint) ? ['endpoints[].topology is not a field of discovery.k8s.io/v1'] : [],
  'events.k8s.io/v1 Event': (object) => ['action', 'reason', 'reportingController', 'reportingInstance', 'eventTime'].filter((field) => !object[field]).map((field) => `${field} is required`),
  'flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration': validatePriorityLevel,
  'flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration': validatePriorityLevel,
};

/** What the migrated object lacks or has wrong for its kind; empty when it is valid. */
export function validateMigrated(object: KubeObject, apiVersion: string, kind: string): string[] {
  const problems: string[] = [];
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  if (!metadata.name && !metadata.generateName) problems.push('metadata.name is required');
  const group = apiVersion.split('/')[0];
  const validator = VALIDATORS[`${apiVersion} ${kind}`] ?? (group === 'apps' && POD_CONTROLLERS.includes(kind) ? VALIDATORS['apps/v1 *'] : undefined);
  if (validator) problems.push(...validator(object as Record<string, unknown>));
  return problems;
}

function at(object: unknown, ...path: string[]): unknown {
  let node = object;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

function validatePodController(object: Record<string, unknown>): string[] {
  const selector = at(object, 'spec', 'selector');
  const matchLabels = at(selector, 'matchLabels');
  const labels = at(object, 'spec', 'template', 'metadata', 'labels');
  if (!isRecord(selector) || (isEmptyRecord(matchLabels ?? {}) && listOf(at(selector, 'matchExpressions')).length === 0)) return ['spec.selector is required and must not be empty'];
  if (isRecord(matchLabels) && isRecord(labels) && Object.entries(matchLabels).some(([key, value]) => labels[key] !== value)) {
    return ['spec.selector.matchLabels must match spec.template.metadata.labels'];
  }
  return [];
}

function validateBackend(backend: unknown, where: string): string[] {
  if (!isRecord(backend)) return [`${where} is required`];
  if (isRecord(backend.resource)) return [];
  const port = at(backend, 'service', 'port');
  if (typeof at(backend, 'service', 'name') !== 'string') return [`${where}.service.name is required`];
  if (!isRecord(port) || (typeof port.number !== 'number' && typeof port.name !== 'string')) return [`${where}.service.port needs a number or a name`];
  return [];
}

function validateIngress(object: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const spec = isRecord(object.spec) ? object.spec : {};
  if (spec.defaultBackend !== undefined) problems.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  listOf(spec.rules).forEach((rule, r) => {
    listOf(at(rule, 'http', 'paths')).forEach((path, p) => {
      const where = `spec.rules[${r}].http.paths[${p}]`;
      if (!['Exact', 'Prefix', 'ImplementationSpecific'].includes(String(at(path, 'pathType')))) problems.push(`${where}.pathType is required`);
      problems.push(...validateBackend(at(path, 'backend'), `${where}.backend`));
    });
  });
  return problems;
}

function validateHpa(object: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!isRecord(at(object, 'spec', 'scaleTargetRef'))) problems.push('spec.scaleTargetRef is required');
  if (typeof at(object, 'spec', 'maxReplicas') !== 'number') problems.push('spec.maxReplicas is required');
  listOf(at(object, 'spec', 'metrics')).forEach((metric, index) => {
    const type = String(at(metric, 'type'));
    const source = at(metric, type.charAt(0).toLowerCase() + type.slice(1));
    if (!['Utilization', 'Value', 'AverageValue'].includes(String(at(source, 'target', 'type')))) problems.push(`spec.metrics[${index}] needs a target with a type`);
  });
  return problems;
}

function validateCrd(object: Record<string, unknown>): string[] {
  const spec = isRecord(object.spec) ? object.spec : {};
  const problems = ['version', 'validation', 'subresources', 'additionalPrinterColumns', 'preserveUnknownFields']
    .filter((field) => field in spec && !(field === 'preserveUnknownFields' && spec[field] === false))
    .map((field) => `spec.${field} is not a field of apiextensions.k8s.io/v1`);
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') problems.push('spec.scope is required');
  const versions = listOf(spec.versions);
  if (versions.length === 0) problems.push('spec.versions is required');
  if (versions.filter((version) => at(version, 'storage') === true).length !== 1) problems.push('exactly one of spec.versions must have storage: true');
  versions.forEach((version, index) => {
    if (!isRecord(at(version, 'schema', 'openAPIV3Schema'))) problems.push(`spec.versions[${index}].schema.openAPIV3Schema is required`);
    if (listOf(at(version, 'additionalPrinterColumns')).some((column) => isRecord(column) && !column.jsonPath)) problems.push(`spec.versions[${index}].additionalPrinterColumns[].jsonPath is required`);
  });
  return problems;
}

function validateWebhooks(object: Record<string, unknown>): string[] {
  return listOf(object.webhooks).flatMap((webhook, index) => {
    const problems: string[] = [];
    if (!['None', 'NoneOnDryRun'].includes(String(at(webhook, 'sideEffects')))) problems.push(`webhooks[${index}].sideEffects must be None or NoneOnDryRun`);
    if (listOf(at(webhook, 'admissionReviewVersions')).length === 0) problems.push(`webhooks[${index}].admissionReviewVersions is required`);
    return problems;
  });
}

function validatePriorityLevel(object: Record<string, unknown>): string[] {
  return at(object, 'spec', 'limited', 'assuredConcurrencyShares') !== undefined ? ['spec.limited.assuredConcurrencyShares was renamed nominalConcurrencyShares'] : [];
}
