// readiness-probe-missing and liveness-probe-missing: containers whose readiness the
// cluster cannot see, so a PDB lets the next eviction through too early.
import type { Finding } from '../../core/types.js';
import { describeResource } from '../../core/describe.js';
import type { Check } from '../types.js';
import { readinessFinding } from './finding.js';
import { READINESS_KINDS } from './kinds.js';
import { readinessModel } from '../../core/workload-model/readiness-model.js';

const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);

export const probesCheck: Check = {
  ids: ['readiness-probe-missing', 'liveness-probe-missing'],
  objectKinds: READINESS_KINDS,
  checkInventory(inventory) {
    const findings: Finding[] = [];
    for (const workload of readinessModel(inventory).workloads) {
      if (RUN_TO_COMPLETION.has(workload.kind)) continue;
      const names = workload.facts.unreadyContainers;
      if (names.length > 0) {
        findings.push(
          ...readinessFinding(
            'readiness-probe-missing',
            workload.resource,
            wordReadinessProbeMissing,
            { containers: names },
          ),
        );
      }
      const unwatched = workload.facts.unwatchedContainers;
      if (unwatched.length > 0) {
        findings.push(
          ...readinessFinding(
            'liveness-probe-missing',
            workload.resource,
            wordLivenessProbeMissing,
            { containers: unwatched },
          ),
        );
      }
    }
    return findings;
  },
};

function wordReadinessProbeMissing(finding: Finding): string {
  const names = finding.details!.containers as readonly string[];
  return `${describeResource(finding.resource!)}: ${containersLabel(names)} serve${names.length === 1 ? 's' : ''} ports without a readinessProbe, so a replacement pod counts as ready as soon as it starts and the PDB lets the next eviction through too early; add a readinessProbe`;
}

function wordLivenessProbeMissing(finding: Finding): string {
  const names = finding.details!.containers as readonly string[];
  return `${describeResource(finding.resource!)}: ${containersLabel(names)} ha${names.length === 1 ? 's' : 've'} no livenessProbe, so a hung process after a reschedule is never restarted; add a livenessProbe`;
}

/** "container app", "containers app, sidecar". */
function containersLabel(names: readonly string[]): string {
  return `container${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}
