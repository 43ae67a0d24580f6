// Pods an operator runs for a custom resource in the inputs (prometheus-operator's Alertmanager
// and Prometheus, from data/addons operatorPods rows): no workload in the inputs carries their
// labels, yet a PDB over them protects real pods, so it is not one that selects nothing.
import type { Resource } from '../../core/types.js';
import type { Knowledge } from '../../knowledge/load.js';
import type { Inventory } from '../../core/inventory.js';
import { matchesLabels, type LabelSelector } from '../../core/workload-model/label-selector.js';
import { placeOf } from '../../core/workload-model/workloads.js';
import { summaryOf } from '../../core/workload-model/object-summary.js';

export interface OperatorPods {
  resource: Resource;
  addon: string;
  /** See placeOf. */
  place: string;
  labels: Record<string, string>;
  source: string;
}

/** The custom-resource kinds operators run pods for, read whole so that their names and pod metadata are known. */
export function operatorKinds(knowledge: Knowledge): string[] {
  return [...new Set(knowledge.addons.operatorPods().map(({ row }) => row.kind))];
}

/** The pods each operator custom resource of the inventory implies, with their labels. */
export function operatorPodsOf(inventory: Inventory, knowledge: Knowledge): OperatorPods[] {
  const rows = knowledge.addons.operatorPods();
  if (rows.length === 0) return [];
  // Most of an estate's resources are workloads, budgets and autoscalers, of no operator kind:
  // passed over on their kind alone (a large estate keeps tens of thousands of them).
  const kinds = new Set(rows.map(({ row }) => row.kind));
  const found: OperatorPods[] = [];
  for (const resource of inventory.resources) {
    if (!kinds.has(resource.kind)) continue;
    const group = resource.apiVersion.includes('/') ? resource.apiVersion.split('/')[0] : '';
    const known = rows.find(({ row }) => row.kind === resource.kind && row.group === group);
    if (!known || !resource.name) continue;
    const name = resource.name;
    const implied = Object.fromEntries(Object.entries(known.row.podLabels).map(([key, value]) => [key, value.replaceAll('{name}', name)]));
    // The operator adds what the resource asks for under spec.podMetadata.labels.
    const asked = summaryOf(resource)?.podMetadataLabels ?? {};
    found.push({ resource, addon: known.addon, place: placeOf(resource), labels: { ...asked, ...implied }, source: known.row.source });
  }
  return found;
}

/** The operator pods in the budget's place its selector matches. */
export function operatorPodsSelected(selector: LabelSelector, place: string, pods: readonly OperatorPods[]): OperatorPods[] {
  return pods.filter((pod) => pod.place === place && matchesLabels(selector, pod.labels));
}
