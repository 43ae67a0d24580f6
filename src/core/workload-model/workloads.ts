// What the readiness checks see of each object: a workload's pod facts, declared replicas
// and controller, a PDB's budget and selector, an HPA's target — read from the object's
// summary (object-summary.ts) for any kind that runs pods (Deployment, StatefulSet, DaemonSet,
// ReplicaSet, ReplicationController, Job, CronJob, Pod).
import { dirname } from 'node:path';
import type { Resource } from '../types.js';
import type { LabelSelector } from './label-selector.js';
import { summaryOf, type WorkloadFacts } from './object-summary.js';
import { originEnvironment } from '../origin-environment.js';

export interface Workload {
  resource: Resource;
  kind: string;
  /** See scopeOf. */
  scope: string;
  /** See placeOf. */
  place: string;
  name: string;
  podLabels: Readonly<Record<string, string>>;
  /** What the checks and the drain simulation read of the object (see object-summary.ts). */
  facts: WorkloadFacts;
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
  /** Installed by an EKS managed add-on (it carries eks.amazonaws.com/component). */
  managedByEks: boolean;
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

/** The workload a resource describes, or undefined for other kinds, Helm test hooks and partial objects (patches). */
export function readWorkload(resource: Resource): Workload | undefined {
  const facts = summaryOf(resource)?.workload;
  if (!facts || !resource.name) return undefined;
  return {
    resource,
    kind: resource.kind,
    scope: scopeOf(resource),
    place: placeOf(resource),
    name: resource.name,
    podLabels: facts.podLabels,
    facts,
    replicas: facts.replicas,
    controlled: facts.controlled,
  };
}

export function readBudget(resource: Resource): Budget | undefined {
  const facts = summaryOf(resource)?.budget;
  if (resource.kind !== 'PodDisruptionBudget' || !facts || !resource.name) return undefined;
  return {
    resource,
    scope: scopeOf(resource),
    place: placeOf(resource),
    name: resource.name,
    selector: facts.selector,
    minAvailable: facts.minAvailable,
    maxUnavailable: facts.maxUnavailable,
    legacy: resource.apiVersion === 'policy/v1beta1',
    managedByEks: facts.managedByEks,
  };
}

export function readAutoscaler(resource: Resource): Autoscaler | undefined {
  const facts = summaryOf(resource)?.autoscaler;
  if (resource.kind !== 'HorizontalPodAutoscaler' || !facts || !resource.name) return undefined;
  return {
    resource,
    scope: scopeOf(resource),
    place: placeOf(resource),
    name: resource.name,
    targetKind: facts.targetKind,
    targetName: facts.targetName,
    minReplicas: facts.minReplicas,
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
