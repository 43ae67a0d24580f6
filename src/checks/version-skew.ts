// kubelet-skew and kube-proxy-skew: the upstream version skew policy (data/nodes.yaml) applied to node groups
// and kube-proxy at the current control-plane version and after each hop on the way to the target.
import { compareKubeVersions, listHops, minorOf, parseKubeVersion } from '../core/kube-version.js';
import type { Finding, Origin } from '../core/types.js';
import { sameSite, type EnvironmentFact, type NodeGroupFact } from '../core/inventory.js';
import { detectAddons } from '../addons/detect.js';
import { WORKLOAD_KINDS } from '../core/pod-template.js';
import type { NodeRules } from '../knowledge/addon-schema.js';
import { currentVersionFor, currentVersionOf } from './control-plane-version.js';
import type { Check, CheckContext } from './types.js';

type SkewComponent = 'kubelet' | 'kube-proxy';
type FindingId = 'kubelet-skew' | 'kube-proxy-skew';

export const versionSkewCheck: Check = {
  ids: ['kubelet-skew', 'kube-proxy-skew'],
  objectKinds: WORKLOAD_KINDS,
  checkInventory(inventory, context) {
    const findings: Finding[] = [];
    for (const environment of inventory.environments) {
      const controlPlane = currentVersionOf(environment, inventory, context);
      // Node groups that follow a cluster whose version the code does not say (eksctl's default
      // when metadata.version is left out) have one cause, mended in one place: one finding for
      // them all. eksctl's own examples gave 65 findings, one per node group, for 35 clusters.
      const versionless = environment.nodeGroups.filter((nodeGroup) => (nodeGroup.version ?? environment.clusterVersion) === undefined);
      if (versionless.length > 0) findings.push(versionsUnknown(environment, versionless));
      for (const nodeGroup of environment.nodeGroups) {
        // A group whose version is the control plane's own line (the EKS module's groups without
        // a version of their own) moves with it in the same apply: it never falls behind.
        // aws-ia/terraform-aws-eks-blueprints' patterns had 26 errors telling to upgrade such groups first.
        if (versionless.includes(nodeGroup) || sameSite(nodeGroup.versionSite, environment.versionSite)) continue;
        const declared = nodeGroup.version ?? environment.clusterVersion;
        const subject = `node group ${environment.name}/${nodeGroup.name}`;
        const origin = nodeGroup.origin ?? environment.origin;
        findings.push(...judgeSkew('kubelet', 'kubelet-skew', subject, declared, controlPlane, origin, context, { env: environment.name, nodeGroup: nodeGroup.name, versionFromCluster: nodeGroup.version === undefined }));
      }
    }
    for (const detected of detectAddons(inventory, context.knowledge.addons)) {
      // One that follows the control plane is moved to its minor by the same apply: no skew to judge.
      if (detected.name !== 'kube-proxy' || (detected.version === undefined && detected.followsControlPlane)) continue;
      const controlPlane = currentVersionFor(detected.env, inventory, context, detected.origin);
      findings.push(...judgeSkew('kube-proxy', 'kube-proxy-skew', `kube-proxy (${detected.evidence})`, detected.version, controlPlane, detected.origin, context, { via: detected.via }));
    }
    return findings;
  },
};

function versionsUnknown(environment: EnvironmentFact, nodeGroups: readonly NodeGroupFact[]): Finding {
  const names = nodeGroups.map((nodeGroup) => nodeGroup.name);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  const subject = names.length === 1 ? `node group ${environment.name}/${names[0]}: version skew cannot be judged: neither it nor the cluster declares a version` : `${names.length} node groups of ${environment.name} (${shown}): version skew cannot be judged: neither they nor the cluster declare a version`;
  const origin = nodeGroups[0].origin ?? environment.origin;
  return {
    id: 'kubelet-skew',
    severity: 'info',
    message: `${subject}; declare one in the code (eksctl's metadata.version, a node group's own version)`,
    ...(origin ? { origin } : {}),
    details: { env: environment.name, nodeGroups: names, versionFromCluster: true },
  };
}

function judgeSkew(
  component: SkewComponent,
  id: FindingId,
  subject: string,
  declared: string | undefined,
  controlPlane: string | undefined,
  origin: Origin | undefined,
  context: CheckContext,
  extra: Record<string, unknown>,
): Finding[] {
  const where = origin ? { origin } : {};
  const parsed = declared === undefined ? undefined : parseKubeVersion(declared);
  if (!parsed || !controlPlane) {
    const missing = !parsed ? `its version is unknown${declared ? ` ("${declared}" is not a Kubernetes version)` : ''}` : 'the control-plane version is unknown; pass --current';
    return [{ id, severity: 'info', message: `${subject}: version skew cannot be judged: ${missing}`, ...where, details: { ...extra } }];
  }
  const version = minorOf(parsed);
  const rule = skewRule(context.knowledge.nodes, component, version);
  if (!rule) return [{ id, severity: 'info', message: `${subject}: the knowledge base has no ${component} skew policy for ${version}`, ...where, details: { ...extra } }];
  const details = { ...extra, version, controlPlane, target: context.target, maxMinorsBehind: rule.maxMinorsBehind, source: rule.source };
  if (compareKubeVersions(version, controlPlane) > 0) {
    return [{ id, severity: 'error', message: `${subject} runs ${version}, newer than the ${controlPlane} control plane; ${component} must never be newer than kube-apiserver`, ...where, details }];
  }
  const behind = (to: string) => Number(to.split('.')[1]) - parsed.minor;
  if (behind(controlPlane) > rule.maxMinorsBehind) {
    return [{ id, severity: 'error', message: `${subject} runs ${version}, ${behind(controlPlane)} minors behind the ${controlPlane} control plane already (at most ${rule.maxMinorsBehind} allowed); upgrade it before any control-plane hop`, ...where, details: { ...details, upgradeBeforeHop: null } }];
  }
  const breaking = listHops(controlPlane, context.target).find((hop) => behind(hop.to) > rule.maxMinorsBehind);
  if (!breaking) return [];
  const hop = `${breaking.from}→${breaking.to}`;
  const minimum = `${parsed.major}.${Number(breaking.to.split('.')[1]) - rule.maxMinorsBehind}`;
  return [
    {
      id,
      severity: 'error',
      message: `${subject} runs ${version}: after the ${hop} hop it would be ${behind(breaking.to)} minors behind the control plane (at most ${rule.maxMinorsBehind} allowed for ${component} ${version}); upgrade it to ${minimum} or later before that hop`,
      ...where,
      details: { ...details, upgradeBeforeHop: hop, minimumVersion: minimum },
    },
  ];
}

/** The rule with the newest fromVersion not newer than the component's version. */
function skewRule(nodes: NodeRules, component: SkewComponent, version: string) {
  return (nodes.skew ?? [])
    .filter((rule) => rule.component === component && compareKubeVersions(rule.fromVersion, version) <= 0)
    .sort((a, b) => compareKubeVersions(b.fromVersion, a.fromVersion))[0];
}
