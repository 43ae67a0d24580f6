// The plan's output formats by -o name: one renderer per format.
import { runbookMarkdown } from './runbook-markdown.js';
import type { Plan } from './types.js';

export function planJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export const planRenderers = { markdown: runbookMarkdown, json: planJson } satisfies Record<string, (plan: Plan) => string>;
