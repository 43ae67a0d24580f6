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
  /** HPA minReplicas where an HPA targets the workload, else spec.replicas; undefined for DaemonSets, Jobs, Pods. */
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
  return {
    workloads,
    budgets,
    budgetsFor: (workload) => budgets.filter((budget) => selects(budget, workload)),
    workloadsFor: (budget) => workloads.filter((workload) => selects(budget, workload)),
    autoscalerFor,
    replicasOf: (workload) => (workload.replicas === undefined ? undefined : (autoscalerFor(workload)?.minReplicas ?? workload.replicas)),
  };
}
