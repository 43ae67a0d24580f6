// The relations the readiness checks share: which PDBs select which workloads (in their
// namespace), which HPA scales which workload, and how many replicas a workload runs.
// Built once per inventory.
import type { Inventory } from '../inventory.js';
import { appended } from '../appended.js';
import { addIn, mapIn } from '../map-in.js';
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
  // Objects of one place share its text: a large estate has thousands of workloads in a few namespaces.
  const places = new Map<string, string>();
  const shared = (place: string) => places.get(place) ?? (places.set(place, place), place);
  // By place, kind and name (the last HPA of a name wins, as it replaces the others when applied).
  const autoscalers = new Map<string, Map<string, Map<string, Autoscaler>>>();
  for (const resource of inventory.resources) {
    const workload = readWorkload(resource);
    if (workload) {
      workload.place = shared(workload.place);
      workloads.push(workload);
    }
    const budget = readBudget(resource);
    if (budget) {
      budget.place = shared(budget.place);
      budgets.push(budget);
    }
    const autoscaler = readAutoscaler(resource);
    if (autoscaler) {
      autoscaler.place = shared(autoscaler.place);
      mapIn(mapIn(autoscalers, autoscaler.place), autoscaler.targetKind).set(autoscaler.targetName, autoscaler);
    }
  }
  const autoscalerOf = new Map<Workload, Autoscaler>();
  for (const workload of workloads) {
    const autoscaler = autoscalers.get(workload.place)?.get(workload.kind)?.get(workload.name);
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
  const candidates = candidateIndex(workloads, budgets);
  const budgetsOf = new Map<Workload, Budget[]>();
  const workloadsOf = new Map<Budget, Workload[]>();
  for (const budget of budgets) {
    // At its exact size (see appended: a filter's result has room for 17), and no entry at all
    // for a budget that selects none.
    let selected: Workload[] | undefined;
    for (const workload of candidates(budget)) if (selects(budget, workload)) selected = appended(selected, workload);
    if (!selected) continue;
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

/**
 * The workloads a budget may select, in input order: those of its place carrying its first
 * matchLabels pair, or all of its place when it has none. Workloads are indexed only under the
 * label keys budgets select on first, as nested maps rather than by keys joined into new text.
 */
function candidateIndex(workloads: readonly Workload[], budgets: readonly Budget[]): (budget: Budget) => Workload[] {
  const firstKey = (budget: Budget) => {
    for (const key in budget.selector?.matchLabels) return key;
    return undefined;
  };
  const byPlace = new Map<string, Workload[]>();
  // Label key, then place, then label value.
  const byLabel = new Map<string, Map<string, Map<string, Workload[]>>>();
  for (const budget of budgets) {
    const key = firstKey(budget);
    if (key !== undefined) byLabel.set(key, new Map());
  }
  for (const workload of workloads) {
    addIn(byPlace, workload.place, workload);
    for (const [key, places] of byLabel) {
      if (Object.hasOwn(workload.podLabels, key)) addIn(mapIn(places, workload.place), workload.podLabels[key], workload);
    }
  }
  return (budget) => {
    const key = firstKey(budget);
    const found = key === undefined ? byPlace.get(budget.place) : byLabel.get(key)?.get(budget.place)?.get(budget.selector!.matchLabels[key]);
    return found ?? [];
  };
}
