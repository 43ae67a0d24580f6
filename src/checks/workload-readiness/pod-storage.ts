// local-storage: volumes a drain destroys. (Host sockets gone with dockershim are the
// docker-socket check's.)
import type { Finding } from '../../core/types.js';
import { describeResource } from '../../core/describe.js';
import type { Check } from '../types.js';
import { readinessFinding } from './finding.js';
import { READINESS_KINDS } from './kinds.js';
import { isRecord } from '../../core/fields.js';
import { readinessModel } from '../../core/workload-model/readiness-model.js';

export const podStorageCheck: Check = {
  ids: ['local-storage'],
  objectKinds: READINESS_KINDS,
  checkInventory(inventory) {
    const findings: Finding[] = [];
    for (const workload of readinessModel(inventory).workloads) {
      const subject = describeResource(workload.resource);
      const volumes = Array.isArray(workload.podSpec.volumes) ? workload.podSpec.volumes.filter(isRecord) : [];
      const emptyDirs = volumes.filter((volume) => volume.emptyDir !== undefined).map((volume) => String(volume.name));
      if (emptyDirs.length > 0) {
        findings.push(
          ...readinessFinding(
            'local-storage',
            workload.resource,
            `${subject} uses emptyDir volume${emptyDirs.length === 1 ? '' : 's'} ${emptyDirs.join(', ')}: draining its node needs --delete-emptydir-data and the data is lost; keep only caches there, or use a PersistentVolumeClaim`,
            { volumes: emptyDirs },
          ),
        );
      }
    }
    return findings;
  },
};
