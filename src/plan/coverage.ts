// Which findings of an environment the plan clears and which it leaves to a person: steps
// claim the findings they resolve; every error finding left over goes to `manual` with why
// no step clears it and what a person must decide.
import type { Finding } from '../core/types.js';
import { locate } from './api-steps.js';
import type { FindingRef, ManualItem } from './types.js';

/** Why a finding of this id is left to a person, and what they must decide. */
const WHY: Record<string, string> = {
  'pdb-blocks-eviction': 'a PDB that allows no eviction hangs every node drain: allow one disruption (maxUnavailable 1) or add a replica, as the application owner decides',
  'pdb-overlap': 'pods selected by two PDBs cannot be evicted: keep one of the PDBs (the owner decides which)',
  'bare-pod': 'a Pod without a controller is lost when its node is drained: run it as a Deployment or Job, or delete it',
  'docker-socket': 'the node has no Docker socket since 1.24: move the agent to the containerd socket or a version that does not need it',
  'psp-in-use': 'PodSecurityPolicy has no replacement API: label the namespaces for Pod Security Admission, then delete the policy',
  'tf-resource-deprecated': 'upshift fix does not rewrite Terraform: replace the resource type with its _v1/_v2 successor and move the object in each environment\'s state (terraform state rm, then terraform import)',
  'input-invalid': 'upshift could not read this input: fix it and run the plan again',
  'al2-nodes': 'Amazon Linux 2 node groups must move to AL2023 (or Bottlerocket): set the AMI type where the node group is declared and test the workloads on it',
  'kubelet-skew': 'a node group would fall outside the supported kubelet skew: update it before the hop',
  'kube-proxy-skew': 'kube-proxy would fall outside the supported skew: update it before the hop',
  'support-ended': 'the cluster is past the end of support until the plan is carried out',
  'deprecated-api-called': 'a live client still calls a removed API: find it from the audit log (user agent) and upgrade it',
};

export function findingRef(finding: Finding): FindingRef {
  const origin = finding.origin;
  if (origin && (origin.type === 'file' || origin.type === 'terraform')) return { id: finding.id, path: origin.path, line: origin.line };
  return { id: finding.id, path: locate(origin) };
}

export function findingKey(finding: Finding): string {
  const ref = findingRef(finding);
  return `${ref.id} ${ref.path}:${ref.line ?? ''} ${finding.resource?.kind ?? ''}/${finding.resource?.namespace ?? ''}/${finding.resource?.name ?? ''} ${String(finding.details?.addon ?? '')} ${String(finding.details?.nodeGroup ?? '')}`;
}

/** One environment's findings: which steps resolve, which a person must handle. */
export class Coverage {
  private readonly resolved = new Set<string>();
  private readonly manual = new Map<string, ManualItem>();

  constructor(readonly findings: readonly Finding[]) {}

  resolve(finding: Finding): FindingRef {
    this.resolved.add(findingKey(finding));
    return findingRef(finding);
  }

  isResolved(finding: Finding): boolean {
    return this.resolved.has(findingKey(finding));
  }

  /** Leaves a finding to a person with the reason (the first reason given wins). */
  leave(finding: Finding, why: string): void {
    const key = findingKey(finding);
    if (!this.manual.has(key)) this.manual.set(key, { ...findingRef(finding), why });
  }

  /** The findings no step resolved: errors always, with their reasons. */
  manualItems(): ManualItem[] {
    for (const finding of this.findings) {
      if (finding.severity !== 'error' || this.isResolved(finding)) continue;
      this.leave(finding, WHY[finding.id] ?? finding.message);
    }
    return [...this.manual.entries()].filter(([key]) => !this.resolved.has(key)).map(([, item]) => item);
  }
}
