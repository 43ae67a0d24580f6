// The plan's schedule: environments one after another with a soak between them, each cut
// into hops (or, for a one-hop migration, into prepare / migrate / finish), as tasks with a
// start and a length — and the same schedule as a mermaid Gantt chart GitHub renders.
import { UsageError } from '../core/errors.js';
import type { Phase, Plan, ScheduleSettings, Weekday } from './types.js';

export interface ScheduledTask {
  env: string;
  label: string;
  /** Minutes from the start of the schedule (midnight UTC of its first day). */
  start: number;
  minutes: number;
}

/** Changes happen Monday to Thursday in office hours unless the estate says otherwise. */
export const DEFAULT_SCHEDULE: ScheduleSettings = { days: ['mon', 'tue', 'wed', 'thu'], hours: '09:00-17:00', soakHours: 24 };

const PHASE_LABEL: Record<Phase, string> = { before: 'prepare', during: 'migrate', after: 'finish' };
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY = 1440;

/**
 * Environments one after another with a soak between them, each step inside working hours:
 * a step that does not fit in what is left of a window starts in the next one (one longer
 * than a whole window runs across windows).
 */
export function scheduleOf(plan: Plan): ScheduledTask[] {
  const windows = workingWindows(plan.schedule, new Date(scheduleStart(plan)).getUTCDay());
  const tasks: ScheduledTask[] = [];
  let clock = 0;
  for (const env of plan.environments) {
    if (env.steps.length === 0) continue;
    if (tasks.length > 0) clock += plan.schedule.soakHours * 60;
    const byPhase = env.hops.length === 1;
    for (const step of env.steps) {
      const label = byPhase ? `${env.hops[0]} ${PHASE_LABEL[step.phase]}` : step.hop;
      let left = step.minutes;
      let [open, close] = windows.at(clock);
      if (close - open < left && close - open < windows.length) [open, close] = windows.at(close);
      clock = open;
      while (left > 0) {
        const take = Math.min(left, close - clock);
        const last = tasks.at(-1);
        if (last && last.env === env.name && last.label === label && last.start + last.minutes === clock) last.minutes += take;
        else tasks.push({ env: env.name, label, start: clock, minutes: take });
        clock += take;
        left -= take;
        if (left > 0) [clock, close] = windows.at(clock);
      }
    }
  }
  return tasks;
}

interface Windows {
  /** Minutes of one working window. */
  length: number;
  /** The window that contains `minute`, or the next one: [open, close) in minutes from the start. */
  at(minute: number): [number, number];
}

/** The working hours as minutes of the day, [start, end); a usage error when they are not a window. */
export function workingHours(settings: ScheduleSettings): [number, number] {
  const [from, to] = settings.hours.split('-').map((time) => {
    const [hours, minutes] = time.split(':').map(Number);
    return hours * 60 + minutes;
  });
  if (!(to > from)) throw new UsageError(`schedule.hours "${settings.hours}": the end must come after the start (a window across midnight is two windows)`);
  return [from, to];
}

function workingWindows(settings: ScheduleSettings, firstWeekday: number): Windows {
  const [from, to] = workingHours(settings);
  const days = new Set(settings.days.length > 0 ? settings.days : DEFAULT_SCHEDULE.days);
  return {
    length: to - from,
    at(minute) {
      for (let day = Math.floor(minute / DAY); ; day++) {
        if (!days.has(WEEKDAYS[(firstWeekday + day) % 7])) continue;
        const open = day * DAY + from;
        const close = day * DAY + to;
        if (minute < close) return [Math.max(open, minute), close];
      }
    },
  };
}

/** Start of the schedule (midnight UTC of its first day) as epoch milliseconds. */
export function scheduleStart(plan: Plan): number {
  return Date.parse(`${plan.startDate}T00:00:00Z`);
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
