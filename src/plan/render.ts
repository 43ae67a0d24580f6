// The plan's output formats by -o name: one renderer per format.
import { runbookMarkdown } from './runbook-markdown.js';
import type { Plan } from './types.js';
import type { PlanFormat } from './formats.js';

export function planJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

// Every PLAN_FORMATS name but html (the page, report/html/plan-page.ts), no more, no fewer.
export const planRenderers = { markdown: runbookMarkdown, json: planJson } satisfies Record<Exclude<PlanFormat, 'html'>, (plan: Plan) => string>;
