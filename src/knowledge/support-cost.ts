// What a cluster costs per month on each support phase of the EKS calendar (730 hours a month, AWS's own
// convention for monthly estimates).
import type { EksCalendar } from './load.js';
import type { SupportStatus } from './calendar.js';

export const HOURS_PER_MONTH = 730;

export interface MonthlyCost {
  standard: number;
  extended: number;
  currency: 'USD';
  source: string;
}

export function monthlyCost(eks: EksCalendar): MonthlyCost | undefined {
  if (!eks.pricing) return undefined;
  return {
    standard: round(eks.pricing.standardPerHour * HOURS_PER_MONTH),
    extended: round(eks.pricing.extendedPerHour * HOURS_PER_MONTH),
    currency: 'USD',
    source: eks.pricing.source,
  };
}

/** The monthly cost of one cluster in a given phase; null when no cluster can run (upcoming, ended) or no pricing is known. */
export function monthlyCostIn(status: SupportStatus, cost: MonthlyCost | undefined): number | null {
  if (!cost) return null;
  if (status === 'standard') return cost.standard;
  if (status === 'extended') return cost.extended;
  return null;
}

function round(amount: number): number {
  return Math.round(amount * 100) / 100;
}
