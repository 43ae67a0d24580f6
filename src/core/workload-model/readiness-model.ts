// The relations the readiness checks share: which PDBs select which workloads (in their
// namespace), which HPA scales which workload, and how many replicas a workload runs.
// Built once per inventory.
import type { Inventory } from '../inventory.js';
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
    if (autoscaler) autoscalers.set(`${autoscaler.place}/${autoscaler.targetKind}/${autoscaler.targetName}`, autoscaler);
  }
  const autoscalerOf = new Map<Workload, Autoscaler>();
  for (const workload of workloads) {
    const autoscaler = autoscalers.get(`${workload.place}/${workload.kind}/${workload.name}`);
    if (autoscaler) autoscalerOf.set(workload, autoscaler);
  }
  const selects = (budget: Budget, workload: Workload) =>
    budget.place === workload.place &&
    budget.selector !== undefined &&
    !(budget.legacy && isEmptySelector(budget.selector)) &&
    matchesLabels(budget.selector, workload.podLabels);
  // Which PDBs select which workloads, worked out once (several checks ask it of every one):
  // a PDB only selects within its place (environment and namespace), and only pods carrying its first
  // matchLabels pair, so only those are candidates.
  const candidates = candidateIndex(workloads);
  const budgetsOf = new Map<Workload, Budget[]>();
  const workloadsOf = new Map<Budget, Workload[]>();
  for (const budget of budgets) {
    const selected = (candidates.get(candidateKey(budget)) ?? []).filter((workload) => selects(budget, workload));
    workloadsOf.set(budget, selected);
    for (const workload of selected) {
      const found = budgetsOf.get(workload);
      // Two PDBs of one name in one place are one object written twice (two charts rendered
      // with the same release name, say): applied, the second replaces the first.
      if (found?.some((other) => other.name === budget.name)) continue;
      if (found) found.push(budget);
      else budgetsOf.set(workload, [budget]);
    }
  }
  const autoscalerFor = (workload: Workload) => autoscalerOf.get(workload);
  return {
    workloads,
    budgets,
    budgetsFor: (workload) => budgetsOf.get(workload) ?? [],
    workloadsFor: (budget) => workloadsOf.get(budget) ?? [],
    autoscalerFor,
    replicasOf: (workload) => {
      const autoscaler = autoscalerFor(workload);
      return workload.replicas === undefined || !autoscaler ? workload.replicas : autoscaler.minReplicas;
    },
  };
}

/** Workloads in input order by place, and by place and each of their pod labels. */
function candidateIndex(workloads: readonly Workload[]): Map<string, Workload[]> {
  const index = new Map<string, Workload[]>();
  const add = (key: string, workload: Workload) => {
    const group = index.get(key);
    if (group) group.push(workload);
    else index.set(key, [workload]);
  };
  for (const workload of workloads) {
    add(workload.place, workload);
    for (const key in workload.podLabels) add(labelKey(workload.place, key, workload.podLabels[key]), workload);
  }
  return index;
}

/** Where candidateIndex keeps the workloads a PDB may select. */
function candidateKey(budget: Budget): string {
  const matchLabels = budget.selector?.matchLabels ?? {};
  for (const key in matchLabels) return labelKey(budget.place, key, matchLabels[key]);
  return budget.place;
}

function labelKey(place: string, key: string, value: string): string {
  // NUL appears in no place, label key or value.
  return `${place}\0${key}\0${value}`;
}
