// al2-nodes: node groups on an AMI family that Amazon EKS stops publishing at some version (Amazon Linux 2 after
// 1.32), an error when the upgrade goes past it.
import picomatch from 'picomatch';
import { compareKubeVersions, hopInto } from '../core/kube-version.js';
import type { Finding } from '../core/types.js';
import type { Check } from './types.js';

export const al2NodesCheck: Check = {
  ids: ['al2-nodes'],
  checkInventory(inventory, context) {
    const families = (context.knowledge.nodes.amiFamilies ?? []).map((family) => ({ family, matches: picomatch(family.amiTypes) }));
    const findings: Finding[] = [];
    for (const environment of inventory.environments) {
      for (const nodeGroup of environment.nodeGroups) {
        const amiType = nodeGroup.amiType;
        const match = amiType === undefined ? undefined : families.find((candidate) => candidate.matches(amiType));
        if (!match || amiType === undefined) continue;
        const { family } = match;
        const blocked = compareKubeVersions(context.target, family.lastVersion) > 0;
        const firstUnsupported = `${family.lastVersion.split('.')[0]}.${Number(family.lastVersion.split('.')[1]) + 1}`;
        const origin = nodeGroup.origin ?? environment.origin;
        findings.push({
          id: 'al2-nodes',
          severity: blocked ? 'error' : 'warning',
          message: blocked
            ? `node group ${environment.name}/${nodeGroup.name} runs ${amiType} (${family.family}); Amazon EKS publishes no ${family.family} AMIs after ${family.lastVersion}, so move it to ${family.replacement} before the ${hopInto(firstUnsupported)} hop`
            : `node group ${environment.name}/${nodeGroup.name} runs ${amiType} (${family.family}), which ends with ${family.lastVersion} on Amazon EKS; plan the move to ${family.replacement}`,
          ...(origin ? { origin } : {}),
          details: { env: environment.name, nodeGroup: nodeGroup.name, amiType, lastVersion: family.lastVersion, replacement: family.replacement, ...(blocked ? { moveBeforeHop: hopInto(firstUnsupported) } : {}), source: family.source },
        });
      }
    }
    return findings;
  },
};
