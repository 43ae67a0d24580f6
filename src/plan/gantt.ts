// The plan's schedule: environments one after another with a soak between them, each cut
// into hops (or, for a one-hop migration, into prepare / migrate / finish), as tasks with a
// start and a length — and the same schedule as a mermaid Gantt chart GitHub renders.
import { SCHEDULE_START_HOUR, SOAK_BETWEEN_ENVIRONMENTS_MINUTES } from './durations.js';
import type { Phase, Plan } from './types.js';

export interface ScheduledTask {
  env: string;
  label: string;
  /** Minutes from the start of the schedule. */
  start: number;
  minutes: number;
}

const PHASE_LABEL: Record<Phase, string> = { before: 'prepare', during: 'migrate', after: 'finish' };

export function scheduleOf(plan: Plan): ScheduledTask[] {
  const tasks: ScheduledTask[] = [];
  let clock = 0;
  for (const env of plan.environments) {
    if (env.steps.length === 0) continue;
    if (tasks.length > 0) clock += SOAK_BETWEEN_ENVIRONMENTS_MINUTES;
    const byPhase = env.hops.length === 1;
    for (const step of env.steps) {
      const label = byPhase ? `${env.hops[0]} ${PHASE_LABEL[step.phase]}` : step.hop;
      const last = tasks.at(-1);
      if (last && last.env === env.name && last.label === label) last.minutes += step.minutes;
      else tasks.push({ env: env.name, label, start: clock, minutes: step.minutes });
      clock += step.minutes;
    }
  }
  return tasks;
}

/** Start of the schedule as epoch milliseconds. */
export function scheduleStart(plan: Plan): number {
  return Date.parse(`${plan.startDate}T00:00:00Z`) + SCHEDULE_START_HOUR * 3_600_000;
}

export function mermaidGantt(plan: Plan): string {
  const start = scheduleStart(plan);
  const lines = [
    'gantt',
    `  title ${plan.current} → ${plan.target}, ${plan.chosen}`,
    '  dateFormat YYYY-MM-DD HH:mm',
    '  axisFormat %d %b',
  ];
  let section: string | undefined;
  scheduleOf(plan).forEach((task, index) => {
    if (task.env !== section) {
      section = task.env;
      lines.push(`  section ${mermaidText(task.env)}`);
    }
    lines.push(`  ${mermaidText(task.label)} :t${index + 1}, ${formatUtc(start + task.start * 60_000)}, ${task.minutes}m`);
  });
  return `${lines.join('\n')}\n`;
}

// Mermaid reads ':' as the start of task data and '#', ';' as comments/separators.
function mermaidText(text: string): string {
  return text.replace(/[:#;]/g, ' ');
}

function formatUtc(epoch: number): string {
  return new Date(epoch).toISOString().slice(0, 16).replace('T', ' ');
}
