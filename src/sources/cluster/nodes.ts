// Node facts for the inventory: each node's kubelet, kube-proxy and OS image, grouped by the
// node group (EKS managed, eksctl, Karpenter) its labels name.
import { minorOf, parseKubeVersion, compareKubeVersions } from '../../core/kube-version.js';
import type { KubeObject } from '../../core/types.js';
import type { NodeGroupFact } from '../../core/inventory.js';

const GROUP_LABELS = ['eks.amazonaws.com/nodegroup', 'alpha.eksctl.io/nodegroup-name', 'karpenter.sh/nodepool', 'karpenter.sh/provisioner-name'];

export interface NodeFact {
  name: string;
  nodeGroup?: string;
  zone?: string;
  kubeletVersion?: string;
  kubeProxyVersion?: string;
  osImage?: string;
  amiType?: string;
}

export function nodeFact(node: KubeObject): NodeFact {
  const labels = (node.metadata?.labels ?? {}) as Record<string, string>;
  const info = ((node.status as { nodeInfo?: Record<string, string> } | undefined)?.nodeInfo ?? {}) as Record<string, string>;
  const fact: NodeFact = { name: String(node.metadata?.name ?? '') };
  const group = GROUP_LABELS.map((label) => labels[label]).find(Boolean);
  if (group) fact.nodeGroup = group;
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'];
  if (zone) fact.zone = zone;
  if (info.kubeletVersion) fact.kubeletVersion = info.kubeletVersion;
  if (info.kubeProxyVersion) fact.kubeProxyVersion = info.kubeProxyVersion;
  if (info.osImage) fact.osImage = info.osImage;
  const amiType = amiTypeOf(info.osImage, labels['kubernetes.io/arch']);
  if (amiType) fact.amiType = amiType;
  return fact;
}

/** One fact per node group (nodes without a group label form "(ungrouped)"); version is the oldest kubelet's minor. */
export function nodeGroupFacts(nodes: readonly NodeFact[]): NodeGroupFact[] {
  const groups = new Map<string, NodeGroupFact>();
  for (const node of nodes) {
    const name = node.nodeGroup ?? '(ungrouped)';
    const group = groups.get(name) ?? { name, desiredSize: 0 };
    group.desiredSize = (group.desiredSize ?? 0) + 1;
    const kubelet = node.kubeletVersion ? parseKubeVersion(node.kubeletVersion) : undefined;
    if (kubelet && (!group.version || compareKubeVersions(kubelet, group.version) < 0)) group.version = minorOf(kubelet);
    if (node.amiType && !group.amiType) group.amiType = node.amiType;
    groups.set(name, group);
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The EKS AMI type an OS image corresponds to ("Amazon Linux 2" on arm64 → AL2_ARM_64). */
function amiTypeOf(osImage: string | undefined, arch: string | undefined): string | undefined {
  if (!osImage) return undefined;
  const arm = arch === 'arm64';
  if (/^Amazon Linux 2023/.test(osImage)) return arm ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
  if (/^Amazon Linux 2\b/.test(osImage)) return arm ? 'AL2_ARM_64' : 'AL2_x86_64';
  if (/^Bottlerocket/.test(osImage)) return arm ? 'BOTTLEROCKET_ARM_64' : 'BOTTLEROCKET_x86_64';
  if (/^Windows/.test(osImage)) return 'WINDOWS_CORE_2022_x86_64';
  return undefined;
}
