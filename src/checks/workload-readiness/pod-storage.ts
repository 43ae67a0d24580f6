// local-storage and docker-socket: volumes a drain destroys, and host sockets that no
// longer exist on the target's nodes.
import { compareKubeVersions } from '../../core/kube-version.js';
import type { Finding } from '../../core/types.js';
import { describeResource } from '../describe.js';
import type { Check } from '../types.js';
import { readinessFinding } from './finding.js';
import { READINESS_KINDS } from './kinds.js';
import { isRecord } from './label-selector.js';
import { readinessModel } from './readiness-model.js';

export const podStorageCheck: Check = {
  ids: ['local-storage', 'docker-socket'],
  objectKinds: READINESS_KINDS,
  checkInventory(inventory, context) {
    const { dockerSocketPaths, dockershimRemovedIn } = context.knowledge.drain;
    const socketsGone = compareKubeVersions(context.target, dockershimRemovedIn) >= 0;
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
      const sockets = volumes.filter((volume) => isRecord(volume.hostPath) && dockerSocketPaths.includes(String(volume.hostPath.path)));
      if (socketsGone && sockets.length > 0) {
        const paths = sockets.map((volume) => String((volume.hostPath as { path: unknown }).path));
        findings.push(
          ...readinessFinding(
            'docker-socket',
            workload.resource,
            `${subject} mounts ${paths.join(', ')}, which does not exist on nodes from ${dockershimRemovedIn} (containerd only; the target is ${context.target}); use the containerd socket or the agent's Kubernetes/CRI integration instead`,
            { hostPaths: paths, removedIn: dockershimRemovedIn },
          ),
        );
      }
    }
    return findings;
  },
};
