// long-termination-grace and bare-pod: pods a drain cannot finish with inside the EKS
// eviction window, or loses for good.
import type { Finding } from '../../core/types.js';
import { describeResource } from '../../core/describe.js';
import type { Check } from '../types.js';
import { readinessFinding, thresholds } from './finding.js';
import { READINESS_KINDS } from './kinds.js';
import { readinessModel } from '../../core/workload-model/readiness-model.js';

export const terminationCheck: Check = {
  ids: ['long-termination-grace', 'bare-pod'],
  objectKinds: READINESS_KINDS,
  checkInventory(inventory, context) {
    const { maxTerminationGraceSeconds } = thresholds(context);
    const findings: Finding[] = [];
    for (const workload of readinessModel(inventory).workloads) {
      const grace = workload.facts.terminationGracePeriodSeconds;
      // A preStop hook runs inside the grace period, so the period alone bounds termination.
      if (grace !== undefined && grace > maxTerminationGraceSeconds) {
        findings.push(
          ...readinessFinding(
            'long-termination-grace',
            workload.resource,
            `${describeResource(workload.resource)} has terminationGracePeriodSeconds ${grace}, longer than the ${maxTerminationGraceSeconds} s an EKS managed node-group update waits for a node's pods to leave: the update fails with PodEvictionFailure; make the work resumable and lower it to ${maxTerminationGraceSeconds} or less`,
            { terminationGracePeriodSeconds: grace, limitSeconds: maxTerminationGraceSeconds },
          ),
        );
      }
      if (!workload.controlled) {
        findings.push(
          ...readinessFinding(
            'bare-pod',
            workload.resource,
            `${describeResource(workload.resource)} has no controller: kubectl drain refuses it without --force, and once evicted nothing recreates it; run it as a Deployment (or a Job), or delete it`,
          ),
        );
      }
    }
    return findings;
  },
};
