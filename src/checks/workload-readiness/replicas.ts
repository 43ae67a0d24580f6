// single-replica, recreate-strategy and singleton-job: workloads that go down whenever their
// node is drained, or that must never run twice.
import type { Finding } from '../../core/types.js';
import { describeResource } from '../../core/describe.js';
import type { Check } from '../types.js';
import { readinessFinding, thresholds } from './finding.js';
import { READINESS_KINDS } from './kinds.js';
import { isReplicatedKind } from './pdb-selection.js';
import { readinessModel } from '../../core/workload-model/readiness-model.js';

export const replicasCheck: Check = {
  ids: ['single-replica', 'recreate-strategy', 'singleton-job'],
  objectKinds: READINESS_KINDS,
  checkInventory(inventory, context) {
    const model = readinessModel(inventory);
    const { minReplicas } = thresholds(context);
    const findings: Finding[] = [];
    for (const workload of model.workloads) {
      const replicas = model.replicasOf(workload);
      const autoscaler = model.autoscalerFor(workload);
      if (isReplicatedKind(workload) && replicas !== undefined && replicas < minReplicas) {
        const source = autoscaler ? `HPA ${autoscaler.name} minReplicas ${replicas}` : `replicas ${replicas}`;
        const fix = autoscaler ? `set minReplicas: ${minReplicas} on HPA ${autoscaler.name}` : `set replicas: ${minReplicas}`;
        findings.push(
          ...readinessFinding('single-replica', workload.resource, `${describeResource(workload.resource)} runs ${source}: it is down whenever its node is drained; ${fix} (and add a PDB with maxUnavailable: 1)`, {
            replicas,
          }),
        );
      }
      const recreate = workload.kind === 'Deployment' && workload.facts.recreateStrategy;
      if (recreate) {
        findings.push(
          ...readinessFinding('recreate-strategy', workload.resource, `${describeResource(workload.resource)} uses strategy Recreate: every re-apply stops all pods before starting new ones; use RollingUpdate unless two versions must never run together`),
        );
      }
      if (recreate && replicas === 1) {
        findings.push(
          ...readinessFinding(
            'singleton-job',
            workload.resource,
            `${describeResource(workload.resource)} runs exactly one replica with strategy Recreate, so it must not run twice: scale it to 0 in the old cluster before starting it in the new one during a blue/green cluster migration`,
          ),
        );
      }
      if (workload.kind === 'CronJob' && workload.facts.concurrencyForbidden) {
        findings.push(
          ...readinessFinding(
            'singleton-job',
            workload.resource,
            `${describeResource(workload.resource)} has concurrencyPolicy: Forbid, so runs must never overlap: suspend it (spec.suspend: true) in one cluster before it is scheduled in another during a blue/green cluster migration`,
          ),
        );
      }
    }
    return findings;
  },
};
