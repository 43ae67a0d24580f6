// The plan's -o names, apart from its renderers (render.ts, and the HTML page), so that `plan
// --help` lists them without loading the renderers.
export const PLAN_FORMATS = ['markdown', 'json', 'html'] as const;

export type PlanFormat = (typeof PLAN_FORMATS)[number];
