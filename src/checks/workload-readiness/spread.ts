// zone-spread-missing, nodegroup-pinned and zonal-volume: where pods may land, and whether a
// zone outage or a node-group replacement takes them all.
import type { Finding } from '../../core/types.js';
import { describeResource } from '../../core/describe.js';
import type { Check } from '../types.js';
import { readinessFinding, thresholds } from './finding.js';
import { READINESS_KINDS } from './kinds.js';
import { isReplicatedKind } from './pdb-selection.js';
import { readinessModel } from '../../core/workload-model/readiness-model.js';
import type { Workload } from '../../core/workload-model/workloads.js';
import { spreadsReplicas } from '../../core/workload-model/zone-spread.js';

export const spreadCheck: Check = {
  ids: ['zone-spread-missing', 'nodegroup-pinned', 'zonal-volume'],
  objectKinds: READINESS_KINDS,
  checkInventory(inventory, context) {
    const model = readinessModel(inventory);
    const { minReplicas } = thresholds(context);
    const { zoneTopologyKeys, nodeGroupLabelKeys } = context.knowledge.drain;
    const findings: Finding[] = [];
    for (const workload of model.workloads) {
      const replicas = model.replicasOf(workload);
      if (isReplicatedKind(workload) && replicas !== undefined && replicas >= minReplicas && !spreadsReplicas(workload, zoneTopologyKeys)) {
        findings.push(
          ...readinessFinding(
            'zone-spread-missing',
            workload.resource,
            wordZoneSpreadMissing,
            { replicas },
          ),
        );
      }
      for (const pin of nodeGroupPins(workload, nodeGroupLabelKeys)) {
        findings.push(
          ...readinessFinding(
            'nodegroup-pinned',
            workload.resource,
            `${describeResource(workload.resource)} is pinned to node group ${pin.values.join(', ')} by ${pin.via} ${pin.key}: a node-group blue/green or rename leaves its pods unschedulable until this is edited; select on a label you set on the node group yourself instead`,
            { key: pin.key, nodeGroups: pin.values, via: pin.via },
          ),
        );
      }
      const names = workload.kind === 'StatefulSet' ? workload.facts.volumeClaimTemplates : undefined;
      if (names) {
        findings.push(
          ...readinessFinding(
            'zonal-volume',
            workload.resource,
            `${describeResource(workload.resource)} has volumeClaimTemplates (${names.join(', ')}): EBS volumes are zonal, so each pod can only restart in its volume's zone; make sure replacement nodes exist in every zone the node group spans before draining`,
            { volumeClaimTemplates: names },
          ),
        );
      }
    }
    return findings;
  },
};

function wordZoneSpreadMissing(finding: Finding): string {
  return `${describeResource(finding.resource!)} runs ${finding.details!.replicas} replicas with neither a zone topologySpreadConstraint nor a podAntiAffinity, so they may share one zone or node; add a topologySpreadConstraint with topologyKey: topology.kubernetes.io/zone and maxSkew: 1`;
}

interface Pin {
  key: string;
  values: string[];
  via: 'nodeSelector' | 'nodeAffinity';
}

function nodeGroupPins(workload: Workload, keys: readonly string[]): Pin[] {
  const pins: Pin[] = [];
  const selector = workload.facts.nodeSelector;
  for (const key of keys) if (selector[key] !== undefined) pins.push({ key, values: [String(selector[key])], via: 'nodeSelector' });
  for (const expression of workload.facts.nodeAffinityIn) {
    if (keys.includes(expression.key)) pins.push({ key: expression.key, values: [...expression.values], via: 'nodeAffinity' });
  }
  return pins;
}
