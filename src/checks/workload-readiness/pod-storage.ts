// local-storage: volumes a drain destroys that cost something to lose. (Host sockets gone with
// dockershim are the docker-socket check's.)
//
// An emptyDir is deleted with its pod at every rollout, restart and eviction alike, so a drain loses
// nothing a rollout would not; what a drain costs is the data a big one held (a cache to rebuild,
// state someone kept there). So: a memory-backed emptyDir (medium: Memory) is never reported; a
// disk-backed one is reported when its sizeLimit is above the threshold, 1Gi unless
// readiness.localStorageAbove in .upshift.yaml says otherwise. An emptyDir without a sizeLimit is
// scratch space by default (nearly every chart mounts one at /tmp or a cache directory); a project
// that sets the threshold counts it as unbounded, so above any threshold.
import type { Finding } from '../../core/types.js';
import { parseQuantity } from '../../core/quantity.js';
import { describeResource } from '../../core/describe.js';
import type { Check, CheckContext } from '../types.js';
import { readinessFinding } from './finding.js';
import { READINESS_KINDS } from './kinds.js';
import { readinessModel } from '../../core/workload-model/readiness-model.js';

const DEFAULT_THRESHOLD = '1Gi';

export const podStorageCheck: Check = {
  ids: ['local-storage'],
  objectKinds: READINESS_KINDS,
  checkInventory(inventory, context) {
    const findings: Finding[] = [];
    const { threshold, unsizedCounts } = storageThreshold(context);
    for (const workload of readinessModel(inventory).workloads) {
      if (workload.facts.emptyDirs.length === 0) continue;
      const risky = workload.facts.emptyDirs.filter((volume) => (volume.bytes === undefined ? volume.sizeLimit === undefined && unsizedCounts : volume.bytes > threshold.bytes));
      if (risky.length > 0) {
        const described = risky.map((volume) => `${volume.name} (${volume.sizeLimit === undefined ? 'no sizeLimit' : `sizeLimit ${volume.sizeLimit}`})`);
        findings.push(
          ...readinessFinding(
            'local-storage',
            workload.resource,
            `${describeResource(workload.resource)} has emptyDir volume${risky.length === 1 ? '' : 's'} ${described.join(', ')}, above the ${threshold.text} local-storage threshold: a drain deletes ${risky.length === 1 ? 'it' : 'them'} (kubectl drain needs --delete-emptydir-data) and the pod starts empty elsewhere; keep only caches it can rebuild there, or use a PersistentVolumeClaim`,
            { volumes: risky.map((volume) => volume.name), threshold: threshold.text },
          ),
        );
      }
    }
    return findings;
  },
};

/** The size above which an emptyDir is reported, and whether an unsized one counts (only when the project set a threshold). */
function storageThreshold(context: CheckContext): { threshold: { text: string; bytes: number }; unsizedCounts: boolean } {
  const configured = context.config?.readiness?.localStorageAbove;
  const text = configured ?? DEFAULT_THRESHOLD;
  return { threshold: { text, bytes: parseQuantity(text)! }, unsizedCounts: configured !== undefined };
}
