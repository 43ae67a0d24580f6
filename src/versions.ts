// `upshift versions` as a library call: every version of a platform's calendar on a given day, with days left
// in its phase, what a cluster costs per month in that phase, and what happens when support runs out.
import type { Platform } from './core/inventory.js';
import { supportCalendar, type VersionSupport } from './knowledge/calendar.js';
import type { Knowledge } from './knowledge/load.js';
import { HOURS_PER_MONTH, monthlyCost, monthlyCostIn } from './knowledge/support-cost.js';

export interface VersionsEntry extends VersionSupport {
  /** What one cluster costs per month on this version on the `at` date; null when none can run or no price is known. */
  monthlyCost: number | null;
}

export interface VersionsReport {
  platform: Platform;
  at: string;
  knowledgeDate: string;
  versions: VersionsEntry[];
  pricing?: { hoursPerMonth: number; standardPerMonth: number; extendedPerMonth: number; currency: 'USD'; source: string };
  endOfSupport?: { action: string; source?: string };
}

export function versionsReport(knowledge: Knowledge, platform: Platform, at: string): VersionsReport {
  const cost = platform === 'eks' ? monthlyCost(knowledge.eks) : undefined;
  const report: VersionsReport = {
    platform,
    at,
    knowledgeDate: knowledge.date,
    versions: supportCalendar(knowledge, platform, at).map((entry) => ({ ...entry, monthlyCost: monthlyCostIn(entry.status, cost) })),
  };
  if (cost) {
    report.pricing = { hoursPerMonth: HOURS_PER_MONTH, standardPerMonth: cost.standard, extendedPerMonth: cost.extended, currency: cost.currency, source: cost.source };
  }
  if (platform === 'eks' && knowledge.eks.endOfSupportAction) {
    report.endOfSupport = { action: knowledge.eks.endOfSupportAction, ...(knowledge.eks.endOfSupportSource ? { source: knowledge.eks.endOfSupportSource } : {}) };
  }
  return report;
}
