// pdb-blocks-eviction and hpa-min-below-pdb: budgets that leave a drain nothing to evict,
// always or when the HPA has scaled the workload down.
import { allowedDisruptions, describeBudget } from '../../core/disruption-budget.js';
import type { Finding } from '../../core/types.js';
import { describeResource } from '../../core/describe.js';
import type { Check } from '../types.js';
import { readinessFinding } from './finding.js';
import { READINESS_KINDS } from './kinds.js';
import { readinessModel } from '../../core/workload-model/readiness-model.js';

export const pdbBudgetCheck: Check = {
  ids: ['pdb-blocks-eviction', 'hpa-min-below-pdb'],
  objectKinds: READINESS_KINDS,
  checkInventory(inventory, context) {
    const model = readinessModel(inventory);
    const timeoutMinutes = context.knowledge.drain.evictionTimeoutSeconds / 60;
    const findings: Finding[] = [];
    for (const budget of model.budgets) {
      const selected = model.workloadsFor(budget);
      if (selected.length === 0) continue;
      const counts = selected.map((workload) => (workload.kind === 'Pod' ? 1 : model.replicasOf(workload)));
      const known = counts.every((count) => count !== undefined);
      const replicas = known ? counts.reduce((sum: number, count) => sum + count!, 0) : undefined;
      const zeroByDefinition = /^0+%?$/.test(String(budget.maxUnavailable ?? '').trim()) || String(budget.minAvailable).trim() === '100%';
      const allowed = replicas === undefined ? undefined : allowedDisruptions(budget, replicas);
      if (!zeroByDefinition && allowed !== 0) continue;
      const pdb = describeResource(budget.resource).replace('PodDisruptionBudget', 'PDB');
      const what = selected.map((workload) => `${workload.kind} ${workload.name}`).join(', ');
      const why = replicas === undefined ? describeBudget(budget) : `${describeBudget(budget)} with ${replicas} replica${replicas === 1 ? '' : 's'} of ${what}`;
      const more = !zeroByDefinition && replicas !== undefined && budget.minAvailable !== undefined ? `, or run at least ${replicas + 1} replicas` : '';
      findings.push(
        ...readinessFinding(
          'pdb-blocks-eviction',
          budget.resource,
          `${pdb} allows no voluntary disruption (${why}): node drains hang, and an EKS managed node-group update fails with PodEvictionFailure after ${timeoutMinutes} minutes; set maxUnavailable: 1 on ${pdb}${more}`,
          { minAvailable: budget.minAvailable ?? null, maxUnavailable: budget.maxUnavailable ?? null, replicas: replicas ?? null, selects: selected.map((workload) => `${workload.kind}/${workload.name}`) },
        ),
      );
    }
    for (const workload of model.workloads) {
      const autoscaler = model.autoscalerFor(workload);
      if (!autoscaler) continue;
      for (const budget of model.budgetsFor(workload)) {
        if (budget.maxUnavailable !== undefined || budget.minAvailable === undefined) continue;
        const minAvailable = Number(budget.minAvailable);
        if (!Number.isInteger(minAvailable) || autoscaler.minReplicas === undefined || autoscaler.minReplicas > minAvailable) continue;
        findings.push(
          ...readinessFinding(
            'hpa-min-below-pdb',
            autoscaler.resource,
            `${describeResource(autoscaler.resource)} may scale ${workload.kind} ${workload.name} down to ${autoscaler.minReplicas} replica${autoscaler.minReplicas === 1 ? '' : 's'}, and PDB ${budget.name} (minAvailable ${minAvailable}) then lets no pod be evicted: drains hang at low load; set minReplicas: ${minAvailable + 1} on the HPA, or maxUnavailable: 1 on PDB ${budget.name}`,
            { minReplicas: autoscaler.minReplicas, minAvailable, pdb: budget.name, workload: `${workload.kind}/${workload.name}` },
          ),
        );
      }
    }
    return findings;
  },
};
