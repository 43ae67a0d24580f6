// What the readiness checks see of each object: a workload's pod template, declared replicas
// and controller, a PDB's budget and selector, an HPA's target — read from any kind that
// runs pods (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
// CronJob, Pod).
import { dirname } from 'node:path';
import { isRecord, type Fields } from '../fields.js';
import { podTemplateOf, runsPods } from '../pod-template.js';
import { controllerKindOf } from '../owner.js';
import type { Resource } from '../types.js';
import { readSelector, type LabelSelector } from './label-selector.js';
import { originEnvironment } from '../origin-environment.js';

export interface Workload {
  resource: Resource;
  kind: string;
  /** See scopeOf. */
  scope: string;
  /** See placeOf. */
  place: string;
  name: string;
  podLabels: Record<string, string>;
  podSpec: Fields;
  /**
   * spec.replicas as written (absent means 1); undefined for kinds without replicas and when
   * it is not a number, such as a value Terraform only knows at apply time.
   */
  replicas?: number;
  /** false for a Pod that no controller owns. */
  controlled: boolean;
}

export interface Budget {
  resource: Resource;
  scope: string;
  place: string;
  name: string;
  /** undefined: no selector, which selects nothing. */
  selector?: LabelSelector;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  /** policy/v1beta1, where an empty selector selects nothing. */
  legacy: boolean;
}

export interface Autoscaler {
  resource: Resource;
  scope: string;
  place: string;
  name: string;
  targetKind: string;
  targetName: string;
  /** undefined when it is not a number (see Workload.replicas). */
  minReplicas?: number;
}

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** The workload a resource describes, or undefined for other kinds and for partial objects (patches). */
export function readWorkload(resource: Resource): Workload | undefined {
  const object = resource.object;
  if (!object || !resource.name || !runsPods(resource.kind) || isHelmTestHook(object.metadata)) return undefined;
  const template = podTemplateOf(object);
  if (!template || !isCompletePodSpec(template.spec)) return undefined;
  const spec = isRecord(object.spec) ? object.spec : {};
  const workload: Workload = {
    resource,
    kind: resource.kind,
    scope: scopeOf(resource),
    place: placeOf(resource),
    name: resource.name,
    podLabels: stringMap(template.metadata.labels),
    podSpec: template.spec,
    controlled: resource.kind !== 'Pod' || controllerKindOf(object.metadata) !== undefined,
  };
  if (REPLICATED_KINDS.has(resource.kind)) workload.replicas = countOf(spec.replicas);
  return workload;
}

// `helm test` runs these once, on demand, and deletes or leaves them as the hook policy says:
// no drain ever has to move them, so they are not judged as workloads.
const HELM_TEST_HOOKS = new Set(['test', 'test-success', 'test-failure']);

/** Whether the object is a Helm test hook (annotation helm.sh/hook: test, or the older test-success/test-failure). */
function isHelmTestHook(metadata: unknown): boolean {
  const hooks = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations['helm.sh/hook'] : undefined;
  return typeof hooks === 'string' && hooks.split(',').some((hook) => HELM_TEST_HOOKS.has(hook.trim()));
}

export function readBudget(resource: Resource): Budget | undefined {
  if (resource.kind !== 'PodDisruptionBudget' || !resource.object || !resource.name) return undefined;
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const budget: Budget = {
    resource,
    scope: scopeOf(resource),
    place: placeOf(resource),
    name: resource.name,
    selector: readSelector(spec.selector),
    legacy: resource.apiVersion === 'policy/v1beta1',
  };
  if (typeof spec.minAvailable === 'number' || typeof spec.minAvailable === 'string') budget.minAvailable = spec.minAvailable;
  if (typeof spec.maxUnavailable === 'number' || typeof spec.maxUnavailable === 'string') budget.maxUnavailable = spec.maxUnavailable;
  return budget;
}

export function readAutoscaler(resource: Resource): Autoscaler | undefined {
  if (resource.kind !== 'HorizontalPodAutoscaler' || !resource.object || !resource.name) return undefined;
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const target = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  if (typeof target.kind !== 'string' || typeof target.name !== 'string') return undefined;
  return {
    resource,
    scope: scopeOf(resource),
    place: placeOf(resource),
    name: resource.name,
    targetKind: target.kind,
    targetName: target.name,
    minReplicas: countOf(spec.minReplicas),
  };
}

/**
 * The namespace, as far as the inputs tell. An object that names none gets its namespace
 * when it is applied (kubectl -n, Kustomize, Argo CD), so it is related only to objects
 * without one from the same directory, which are normally applied together.
 */
export function scopeOf(resource: Resource): string {
  if (resource.namespace) return resource.namespace;
  return resource.origin.type === 'file' ? `(unset) ${dirname(resource.origin.path)}` : '(unset)';
}

/**
 * Where an object lands: its environment's cluster (a Kustomize overlay, a chart's values
 * file, a Terraform environment) and its scope there. Objects of two environments never meet,
 * so a PDB of the dev overlay never selects the production overlay's pods.
 */
export function placeOf(resource: Resource): string {
  const env = originEnvironment(resource.origin) ?? '';
  // NUL appears in no environment name or scope.
  return `${env}\0${scopeOf(resource)}`;
}

/** A replica count as written: absent means 1, anything but a number is not known. */
function countOf(value: unknown): number | undefined {
  if (value === undefined) return 1;
  return typeof value === 'number' ? value : undefined;
}

/** The mapping with its values as strings; the mapping itself when they already are (no copy per workload). */
export function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const values = Object.values(value);
  if (values.every((item) => typeof item === 'string')) return value as Record<string, string>;
  const map: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) map[key] = String(item);
  return map;
}

/**
 * A Kustomize or strategic-merge patch names a workload but carries only the fields it
 * changes; every container of a real object has an image. Judging a patch on its own would
 * report the fields it leaves out.
 */
function isCompletePodSpec(spec: Fields): boolean {
  return Array.isArray(spec.containers) && spec.containers.length > 0 && spec.containers.every((container) => isRecord(container) && typeof container.image === 'string');
}
