// pdb-overlap, pdb-no-match, pdb-empty-selector and pdb-missing: whether each replicated
// workload is covered by exactly one PodDisruptionBudget (counting the budgets EKS managed
// add-ons install themselves), and each PDB covers something.
import { dirname } from 'node:path';
import type { Finding, Resource } from '../../core/types.js';
import { originEnvironment } from '../../core/origin-environment.js';
import { describeResource } from '../../core/describe.js';
import type { AddonDefinition } from '../../knowledge/addon-schema.js';
import type { Check, CheckContext } from '../types.js';
import type { ChartReference, Inventory, SilentWorkloads } from '../../core/inventory.js';
import { readinessFinding, thresholds } from './finding.js';
import { READINESS_KINDS } from './kinds.js';
import { isEmptySelector, matchesLabels, type LabelSelector } from '../../core/workload-model/label-selector.js';
import { readinessModel } from '../../core/workload-model/readiness-model.js';
import { operatorKinds, operatorPodsOf, operatorPodsSelected } from './operator-pods.js';
import type { Budget, Workload } from '../../core/workload-model/workloads.js';

export const pdbSelectionCheck: Check = {
  ids: ['pdb-overlap', 'pdb-no-match', 'pdb-empty-selector', 'pdb-missing'],
  objectKinds: READINESS_KINDS,
  knowledgeKinds: operatorKinds,
  checkInventory(inventory, context) {
    const model = readinessModel(inventory);
    const operatorPods = operatorPodsOf(inventory, context.knowledge);
    const { minReplicas } = thresholds(context);
    const findings: Finding[] = [];
    const managedBudgets = managedAddonBudgets(inventory, context);
    for (const budget of model.budgets) {
      const pdb = describeResource(budget.resource);
      const addon = managedBudgets.find((managed) => coversSamePods(budget, managed.own));
      if (addon) {
        findings.push(
          ...readinessFinding(
            'pdb-overlap',
            budget.resource,
            `${pdb} selects the pods of the EKS managed add-on ${addon.name}, which installs its own PodDisruptionBudget (from ${addon.own.since}): with two budgets on the same pods the eviction API refuses every eviction, so drains hang. ${addon.own.note} Delete ${pdb} and let the add-on's budget protect its pods`,
            { addon: addon.name, addonBudgetSince: addon.own.since, source: addon.own.source },
          ),
        );
      } else if (budget.legacy && budget.selector && isEmptySelector(budget.selector)) {
        const namespaced = model.workloads.filter((workload) => workload.place === budget.place);
        findings.push(
          ...readinessFinding(
            'pdb-empty-selector',
            budget.resource,
            `${pdb} is policy/v1beta1 with selector: {}, which selects no pod today; converted to policy/v1 as written it would select every pod in its namespace (${namespaced.length} workload${namespaced.length === 1 ? '' : 's'} here). Set selector.matchLabels to the pods it should protect before migrating`,
            { namespaceWorkloads: namespaced.map((workload) => `${workload.kind}/${workload.name}`) },
          ),
        );
      } else if (model.workloadsFor(budget).length === 0 && !(budget.selector && !isEmptySelector(budget.selector) && operatorPodsSelected(budget.selector, budget.place, operatorPods).length > 0)) {
        // Worded here only when something explains it; wordPdbNoMatch words the common case when the report is read.
        const selector = () => selectorLabel(budget.selector);
        const silent = silentWorkloadsOf(budget, inventory);
        const installed = silent ? undefined : gitOpsInstallBeside(budget, inventory);
        const message = silent
          ? `${pdb} (${selector()}) selects no workload as the chart ${silent.chart} renders ${silent.defaults ? 'with its default values' : silent.env ? `for environment ${silent.env}` : 'with the values given'}: ${silent.templates.join(', ')} render${silent.templates.length === 1 ? 's' : ''} no workload with them. Scan the chart with the values it is deployed with (values-<env>.yaml beside Chart.yaml, or --values) before changing the budget`
          : installed
            ? `${pdb} (${selector()}) selects no workload in the scanned inputs of its namespace, where the ${installerOf(installed)} installs the chart ${installed.chart}, which this scan does not render: its pods are likely the ones selected; render the chart with the release's values into the scan (helm template ... | upshift check -f -) to check the budget`
            : wordPdbNoMatch;
        const about = silent ? { silentTemplates: silent.templates } : installed ? { installedChart: installed.chart, installedBy: installed.syncedBy } : {};
        findings.push(...readinessFinding('pdb-no-match', budget.resource, message, { selector: budget.selector ?? null, ...about }));
      }
    }
    for (const workload of model.workloads) {
      const budgets = model.budgetsFor(workload);
      if (budgets.length > 1) {
        const names = budgets.map((budget) => budget.name);
        findings.push(
          ...readinessFinding(
            'pdb-overlap',
            workload.resource,
            `${describeResource(workload.resource)} is selected by ${budgets.length} PDBs (${names.join(', ')}): the eviction API refuses to evict pods covered by more than one budget, so every drain of their nodes hangs; delete all but one PDB or make their selectors disjoint`,
            { pdbs: names },
          ),
        );
      }
      const replicas = model.replicasOf(workload);
      if (budgets.length === 0 && isReplicatedKind(workload) && replicas !== undefined && replicas >= minReplicas) {
        findings.push(...readinessFinding('pdb-missing', workload.resource, wordPdbMissing, { replicas, selector: workloadSelector(workload) }));
      }
    }
    return findings;
  },
};

type ManagedBudget = NonNullable<AddonDefinition['ownPodDisruptionBudget']>;

/** Add-ons run as EKS managed add-ons in the scanned estate that bring a PDB of their own. */
function managedAddonBudgets(inventory: Inventory, context: CheckContext): { name: string; own: ManagedBudget }[] {
  const found = new Map<string, ManagedBudget>();
  for (const eksAddon of inventory.eksAddons) {
    const addon = context.knowledge.addons.byEksAddon(eksAddon.name);
    if (addon?.ownPodDisruptionBudget) found.set(addon.name, addon.ownPodDisruptionBudget);
  }
  return [...found].map(([name, own]) => ({ name, own }));
}

function coversSamePods(budget: Budget, own: ManagedBudget): boolean {
  // The add-on's own budget carries EKS's component label; it is the one to keep, not a second one.
  if (budget.managedByEks) return false;
  return budget.resource.namespace === own.namespace && budget.selector !== undefined && !isEmptySelector(budget.selector) && matchesLabels(budget.selector, own.podLabels);
}

export function isReplicatedKind(workload: Workload): boolean {
  return workload.kind === 'Deployment' || workload.kind === 'StatefulSet';
}

/** The selector a PDB of the workload's pods would take: the workload's own, else its pod labels. */
function workloadSelector(workload: Workload): LabelSelector {
  return workload.facts.selector ?? { matchLabels: workload.podLabels, matchExpressions: [] };
}

function wordPdbMissing(finding: Finding): string {
  const { replicas, selector } = finding.details as { replicas: number; selector: LabelSelector };
  return `${describeResource(finding.resource!)} runs ${replicas} replicas with no PodDisruptionBudget: a drain may evict all of them at once; add a policy/v1 PDB with maxUnavailable: 1 selecting ${describeSelector(selector)}`;
}

/** pdb-no-match where nothing the scan holds explains it (no chart rendered without the budget's workload, no GitOps install beside it). */
function wordPdbNoMatch(finding: Finding): string {
  return `${describeResource(finding.resource!)} (${selectorLabel(finding.details!.selector as LabelSelector | null)}) selects no workload in the scanned inputs of its namespace; delete it if its workload is gone, or fix its selector (if an operator's custom resource runs its pods, scan that resource too, or describe the operator with an operatorPods row in --data)`;
}

/** How a PDB's selector reads in a message: "app=web", or "no selector". */
function selectorLabel(selector: LabelSelector | null | undefined): string {
  return selector ? describeSelector(selector) : 'no selector';
}

function describeSelector(selector: LabelSelector): string {
  const parts = [
    ...Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`),
    ...selector.matchExpressions.map((expression) => `${expression.key} ${expression.operator} (${expression.values.join(',')})`),
  ];
  return parts.length > 0 ? parts.join(', ') : 'selector {}';
}

/**
 * The workload templates of the budget's chart that rendered nothing for the environment the
 * budget was rendered for, when the budget is one of the chart's own templates too (a subchart's
 * has workloads of its own): then its workload may only be off with the values scanned.
 */
/**
 * A chart a Flux HelmRelease or Argo CD Application installs where the budget is (its
 * environment, and its namespace or, when neither names one, its directory): the scan reads the
 * release, not what the chart renders.
 */
function gitOpsInstallBeside(budget: Budget, inventory: Inventory): ChartReference | undefined {
  const resource = budget.resource;
  const env = originEnvironment(resource.origin);
  return inventory.charts.find((chart) => chart.syncedBy && originEnvironment(chart.origin) === env && sameNamespace(chart, resource));
}

function sameNamespace(chart: ChartReference, resource: Resource): boolean {
  // A budget that names no namespace gets the one its folder is applied to, as does a release beside it.
  if (resource.namespace === undefined && chart.origin.type === 'file' && resource.origin.type === 'file' && dirname(chart.origin.path) === dirname(resource.origin.path)) return true;
  return chart.namespace !== undefined && chart.namespace === resource.namespace;
}

function installerOf(chart: ChartReference): string {
  const synced = chart.syncedBy!;
  return `${synced.tool === 'flux' ? 'Flux HelmRelease' : synced.generates ? 'Argo CD ApplicationSet' : 'Argo CD Application'} ${synced.name}`;
}

function silentWorkloadsOf(budget: Budget, inventory: Inventory): SilentWorkloads | undefined {
  const origin = budget.resource.origin;
  if (origin.type !== 'file' || origin.chart === undefined || !origin.path.startsWith(`${origin.chart}/templates/`)) return undefined;
  return inventory.silentWorkloads?.find((silent) => silent.chart === origin.chart && silent.env === origin.env);
}
