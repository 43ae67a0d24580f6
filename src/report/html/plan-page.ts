// `upshift plan -o html`: the plan and the findings behind it as one self-contained page —
// support timeline, strategies, schedule, runbook, findings, add-ons, simulated rollout.
import type { Inventory } from '../../core/inventory.js';
import type { Report } from '../../core/types.js';
import type { Knowledge } from '../../knowledge/load.js';
import type { Simulation } from '../../plan/simulation.js';
import type { Plan } from '../../plan/types.js';
import { addonMatrix } from './addon-matrix.js';
import { findingsSection } from './findings.js';
import { htmlPage } from './page.js';
import { scheduleSection, stepsSection, strategySection } from './plan-sections.js';
import { subtitle, timelineFor } from './report-page.js';
import { rolloutSection } from './rollout.js';

export interface PlanPageInput {
  plan: Plan;
  report: Report;
  knowledge: Knowledge;
  inventory: Inventory;
  simulation?: Simulation;
  today: string;
  cwd?: string;
}

export function planHtml(input: PlanPageInput): string {
  const { plan, report } = input;
  return htmlPage(`upshift plan: ${plan.current} → ${plan.target} (${plan.chosen})`, subtitle(report), [
    timelineFor(report, input.knowledge, input.inventory, input.today),
    strategySection(plan),
    scheduleSection(plan),
    stepsSection(plan),
    rolloutSection(input.simulation),
    findingsSection(report.findings, input.cwd),
    addonMatrix(report.findings),
  ]);
}
