// What the EKS API's answers mean for the upgrade: managed node groups and add-ons for the
// inventory, add-ons EKS does not offer at a hop, and Upgrade Insights as our own finding ids.
import { compareKubeVersions, hopInto } from '../../core/kube-version.js';
import type { Finding, Origin } from '../../core/types.js';
import type { TargetKnowledge } from '../../knowledge/target-knowledge.js';
import type { EksAddonReference, NodeGroupFact } from '../../core/inventory.js';
import type { EksData } from './read-eks.js';

export interface EksFacts {
  nodeGroups: NodeGroupFact[];
  addons: EksAddonReference[];
  findings: Finding[];
}

export function eksFacts(data: EksData, minors: readonly string[], context: TargetKnowledge): EksFacts {
  const name = data.cluster.name ?? '';
  const origin: Origin = { type: 'eks', cluster: name, region: data.region, ...(data.cluster.arn ? { arn: data.cluster.arn } : {}) };
  const nodeGroups = data.nodegroups.map((group): NodeGroupFact => {
    const fact: NodeGroupFact = { name: group.nodegroupName ?? '', origin };
    if (group.version) fact.version = group.version;
    if (group.releaseVersion) fact.releaseVersion = group.releaseVersion;
    if (group.amiType) fact.amiType = group.amiType;
    const update = group.updateConfig;
    if (update?.maxUnavailable !== undefined) fact.maxUnavailable = String(update.maxUnavailable);
    else if (update?.maxUnavailablePercentage !== undefined) fact.maxUnavailable = `${update.maxUnavailablePercentage}%`;
    if (group.scalingConfig?.desiredSize !== undefined) fact.desiredSize = group.scalingConfig.desiredSize;
    return fact;
  });
  const addons = data.addons.map((addon) => ({ name: addon.addonName ?? '', ...(addon.addonVersion ? { version: addon.addonVersion } : {}), env: name, origin }));
  const findings = [...addonFindings(data, minors, origin), ...data.insights.flatMap((insight) => insightFindings(insight, context, origin))];
  return { nodeGroups, addons, findings };
}

function addonFindings(data: EksData, minors: readonly string[], origin: Origin): Finding[] {
  const findings: Finding[] = [];
  for (const addon of data.addons) {
    const name = addon.addonName ?? '';
    for (const minor of minors) {
      const offered = data.addonVersions[name]?.[minor] ?? [];
      if (offered.length === 0 || offered.some((entry) => entry.addonVersion === addon.addonVersion)) continue;
      const preferred = offered.find((entry) => entry.compatibilities?.some((c) => c.clusterVersion === minor && c.defaultVersion))?.addonVersion ?? offered[0].addonVersion;
      findings.push({
        id: 'addon-incompatible',
        severity: 'error',
        message: `EKS add-on ${name} ${addon.addonVersion} is not offered for Kubernetes ${minor}; update it to a version EKS supports there (default ${preferred}) before the ${hopInto(minor)} hop`,
        resource: { apiVersion: 'eks.amazonaws.com', kind: 'Addon', name },
        origin,
        details: { addon: name, version: addon.addonVersion, hop: hopInto(minor), recommended: preferred, compatibleVersions: offered.map((entry) => entry.addonVersion).slice(0, 5) },
      });
      break;
    }
  }
  return findings;
}

type Insight = EksData['insights'][number];

function insightFindings(insight: Insight, context: TargetKnowledge, origin: Origin): Finding[] {
  const name = insight.name ?? '';
  const base = { insightId: insight.id, insight: name, status: insight.insightStatus?.status, reason: insight.insightStatus?.reason };
  if (/^Deprecated APIs removed in Kubernetes/i.test(name)) {
    return (insight.categorySpecificSummary?.deprecationDetails ?? []).map((detail) => {
      const removed = detail.stopServingVersion !== undefined && compareKubeVersions(detail.stopServingVersion, context.target) <= 0;
      const clients = (detail.clientStats ?? []).map((stat) => `${stat.userAgent} (${stat.numberOfRequestsLast30Days ?? 0} requests in 30 days)`);
      return {
        id: 'deprecated-api-called',
        severity: removed ? 'error' : 'warning',
        message: `EKS Upgrade Insights: clients still call ${detail.usage}, no longer served from ${detail.stopServingVersion}; move them to ${detail.replacedWith}${clients.length ? `; callers: ${clients.join(', ')}` : ''}`,
        origin,
        details: { ...base, usage: detail.usage, replacedWith: detail.replacedWith, stopServingVersion: detail.stopServingVersion, clients: detail.clientStats?.map((stat) => stat.userAgent) ?? [] },
      } satisfies Finding;
    });
  }
  const id = /kube-proxy version skew/i.test(name) ? 'kube-proxy-skew' : /kubelet version skew/i.test(name) ? 'kubelet-skew' : /add-on version compatibility/i.test(name) ? 'addon-incompatible' : undefined;
  if (!id) return [];
  const compatibility = insight.categorySpecificSummary?.addonCompatibilityDetails ?? [];
  const subjects = id === 'addon-incompatible' && compatibility.length > 0 ? compatibility.map((detail) => `${detail.name} (compatible: ${detail.compatibleVersions?.join(', ') ?? 'none listed'})`) : [];
  return [
    {
      id,
      severity: 'error',
      message: `EKS Upgrade Insights "${name}" is ${insight.insightStatus?.status}: ${insight.insightStatus?.reason ?? insight.description ?? ''}${subjects.length ? `: ${subjects.join('; ')}` : ''}${insight.recommendation ? `; ${insight.recommendation}` : ''}`,
      origin,
      details: { ...base, kubernetesVersion: insight.kubernetesVersion, resources: insight.resources?.map((resource) => resource.kubernetesResourceUri ?? resource.arn).filter(Boolean) ?? [] },
    },
  ];
}
