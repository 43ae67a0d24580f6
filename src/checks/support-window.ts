// support-ending and support-ended: where the running version stands on the platform's support calendar today,
// with what extended support costs and what happens when it runs out.
import { compareKubeVersions, minorOf, parseKubeVersion } from '../core/kube-version.js';
import type { Finding, Origin } from '../core/types.js';
import { supportCalendar, type VersionSupport } from '../knowledge/calendar.js';
import { monthlyCost } from '../knowledge/support-cost.js';
import type { Check, CheckContext } from './types.js';

/** How far ahead an end of support is worth a warning: one quarter, about the time an upgrade takes to plan. */
const WARNING_DAYS = 90;

export const supportWindowCheck: Check = {
  ids: ['support-ending', 'support-ended'],
  checkInventory(inventory, context) {
    const running: { version: string; origin?: Origin; env?: string }[] = [];
    for (const environment of inventory.environments) {
      const parsed = environment.clusterVersion === undefined ? undefined : parseKubeVersion(environment.clusterVersion);
      if (parsed) running.push({ version: minorOf(parsed), origin: environment.origin, env: environment.name });
    }
    if (running.length === 0 && context.current) running.push({ version: context.current });
    const calendar = supportCalendar(context.knowledge, context.platform, context.today);
    return running.flatMap((cluster) => judge(cluster, calendar, context));
  },
};

function judge(cluster: { version: string; origin?: Origin; env?: string }, calendar: VersionSupport[], context: CheckContext): Finding[] {
  const where = cluster.origin ? { origin: cluster.origin } : {};
  const name = `${context.platform === 'eks' ? 'EKS' : 'Kubernetes'} ${cluster.version}${cluster.env ? ` (${cluster.env})` : ''}`;
  const entry = calendar.find((candidate) => compareKubeVersions(candidate.version, cluster.version) === 0);
  const afterwards = context.platform === 'eks' ? context.knowledge.eks.endOfSupportAction : undefined;
  if (!entry) {
    const oldest = calendar.reduce<VersionSupport | undefined>((found, candidate) => (found && compareKubeVersions(found.version, candidate.version) <= 0 ? found : candidate), undefined);
    // Versions leave the calendar only once their support is over (the EKS calendar starts at
    // 1.21): one older than its oldest ended version has ended too (eksctl's examples still pin 1.14).
    if (oldest?.status === 'ended' && compareKubeVersions(cluster.version, oldest.version) < 0) {
      const lastEnd = oldest.endOfExtendedSupport ?? oldest.endOfStandardSupport;
      return [
        {
          id: 'support-ended',
          severity: oldest.endOfExtendedSupport ? 'error' : 'warning',
          message: `${name} is out of support: it is older than every version of the ${context.platform} support calendar, whose oldest, ${oldest.version}, has been out of support since ${lastEnd}${afterwards ? `. ${afterwards}` : ''}`,
          ...where,
          details: { version: cluster.version, status: 'ended', today: context.today, olderThan: oldest.version, olderThanEndedOn: lastEnd },
        },
      ];
    }
    return [{ id: 'support-ending', severity: 'info', message: `${name} is not in the ${context.platform} support calendar of the knowledge base (dated ${context.knowledge.date}); check its support dates and add a row with --data`, ...where, details: { version: cluster.version } }];
  }
  const cost = context.platform === 'eks' ? monthlyCost(context.knowledge.eks) : undefined;
  const costs = cost ? { monthlyCostStandard: cost.standard, monthlyCostExtended: cost.extended, monthlyCostDifference: cost.extended - cost.standard, currency: cost.currency } : {};
  const details = { version: entry.version, status: entry.status, today: context.today, endOfStandardSupport: entry.endOfStandardSupport, endOfExtendedSupport: entry.endOfExtendedSupport, daysLeft: entry.daysLeft, ...costs, ...(entry.forecast ? { forecast: true } : {}) };
  const extraCost = cost ? `; a cluster costs $${cost.extended}/month in extended support instead of $${cost.standard}` : '';
  const findings: Finding[] = [];

  if (entry.status === 'ended') {
    const lastEnd = entry.endOfExtendedSupport ?? entry.endOfStandardSupport;
    findings.push({ id: 'support-ended', severity: entry.endOfExtendedSupport ? 'error' : 'warning', message: `${name} has been out of support since ${lastEnd}${afterwards ? `. ${afterwards}` : ''}`, ...where, details });
  } else if (entry.status === 'extended') {
    findings.push({ id: 'support-ended', severity: 'warning', message: `${name} has been past the end of standard support since ${entry.endOfStandardSupport} and runs on extended support until ${entry.endOfExtendedSupport}${extraCost}`, ...where, details });
    if (entry.daysLeft !== null && entry.daysLeft <= WARNING_DAYS) {
      findings.push({ id: 'support-ending', severity: 'warning', message: `${name}: extended support ends on ${entry.endOfExtendedSupport}, in ${entry.daysLeft} days${afterwards ? `. ${afterwards}` : ''}`, ...where, details });
    }
  } else if (entry.status === 'standard' && entry.daysLeft !== null && entry.daysLeft <= WARNING_DAYS) {
    findings.push({ id: 'support-ending', severity: 'warning', message: `${name}: standard support ends on ${entry.endOfStandardSupport}, in ${entry.daysLeft} days${extraCost}`, ...where, details });
  }
  return findings;
}
