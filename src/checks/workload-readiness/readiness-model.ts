// The relations the readiness checks share: which PDBs select which workloads (in their
// namespace), which HPA scales which workload, and how many replicas a workload runs.
// Built once per inventory.
import type { Inventory } from '../types.js';
import { isEmptySelector, matchesLabels } from './label-selector.js';
import { readAutoscaler, readBudget, readWorkload, type Autoscaler, type Budget, type Workload } from './workloads.js';

export interface ReadinessModel {
  workloads: Workload[];
  budgets: Budget[];
  budgetsFor(workload: Workload): Budget[];
  workloadsFor(budget: Budget): Workload[];
  autoscalerFor(workload: Workload): Autoscaler | undefined;
  /** HPA minReplicas where an HPA targets the workload, else spec.replicas; undefined for DaemonSets, Jobs, Pods and counts not known. */
  replicasOf(workload: Workload): number | undefined;
}

const models = new WeakMap<Inventory, ReadinessModel>();

export function readinessModel(inventory: Inventory): ReadinessModel {
  let model = models.get(inventory);
  if (!model) {
    model = buildModel(inventory);
    models.set(inventory, model);
  }
  return model;
}

function buildModel(inventory: Inventory): ReadinessModel {
  const workloads: Workload[] = [];
  const budgets: Budget[] = [];
  const autoscalers = new Map<string, Autoscaler>();
  for (const resource of inventory.resources) {
    const workload = readWorkload(resource);
    if (workload) workloads.push(workload);
    const budget = readBudget(resource);
    if (budget) budgets.push(budget);
    const autoscaler = readAutoscaler(resource);
    if (autoscaler) autoscalers.set(`${autoscaler.scope}/${autoscaler.targetKind}/${autoscaler.targetName}`, autoscaler);
  }
  const selects = (budget: Budget, workload: Workload) =>
    budget.scope === workload.scope &&
    budget.selector !== undefined &&
    !(budget.legacy && isEmptySelector(budget.selector)) &&
    matchesLabels(budget.selector, workload.podLabels);
  const autoscalerFor = (workload: Workload) => autoscalers.get(`${workload.scope}/${workload.kind}/${workload.name}`);
  // A PDB only ever selects within its own scope (namespace), so matching is done per scope
  // and remembered: several checks ask the same questions of large estates.
  const workloadsByScope = groupBy(workloads, (workload) => workload.scope);
  const budgetsByScope = groupBy(budgets, (budget) => budget.scope);
  const budgetsOf = new Map<Workload, Budget[]>();
  const workloadsOf = new Map<Budget, Workload[]>();
  return {
    workloads,
    budgets,
    budgetsFor: (workload) =>
      remember(budgetsOf, workload, () => (budgetsByScope.get(workload.scope) ?? []).filter((budget) => selects(budget, workload))),
    workloadsFor: (budget) =>
      remember(workloadsOf, budget, () => (workloadsByScope.get(budget.scope) ?? []).filter((workload) => selects(budget, workload))),
    autoscalerFor,
    replicasOf: (workload) => {
      const autoscaler = autoscalerFor(workload);
      return workload.replicas === undefined || !autoscaler ? workload.replicas : autoscaler.minReplicas;
    },
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function remember<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}
