// The plan in HTML: the strategy table with score bars, the schedule as an SVG Gantt chart,
// and per environment the ordered steps with their changes and rollbacks.
import { formatMinutes } from '../../plan/durations.js';
import { scheduleOf, scheduleStart } from '../../plan/gantt.js';
import { CRITERIA, type EnvironmentPlan, type Plan, type Step } from '../../plan/types.js';
import { escapeHtml } from './escape.js';

function scoreBar(score: number): string {
  const cells = [1, 2, 3, 4, 5].map((n) => `<i${n <= score ? ' class="on"' : ''}></i>`).join('');
  return `<span class="score" title="${score}/5">${cells}</span>${score}`;
}

export function strategySection(plan: Plan): string {
  const rows = plan.strategies
    .map((strategy) => `<tr class="${strategy.recommended ? 'recommended' : ''}" data-strategy="${escapeHtml(strategy.name)}">
<td><strong>${escapeHtml(strategy.name)}</strong>${strategy.recommended ? ' <span class="badge" style="background:#2e7d32">recommended</span>' : ''}${strategy.name === plan.chosen ? ' <span class="badge kind">steps below</span>' : ''}</td>
<td>${strategy.hops}</td>${CRITERIA.map(([criterion]) => `<td class="scored">${scoreBar(strategy.scores[criterion])}</td>`).join('')}<td>${escapeHtml(formatMinutes(strategy.minutes))}</td><td>${strategy.total}</td></tr>
<tr class="${strategy.recommended ? 'recommended' : ''}"><td colspan="${CRITERIA.length + 4}"><ul>${strategy.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul></td></tr>`)
    .join('');
  return `<section id="strategies"><h2>Strategies</h2><p>Scores run from 1 (worst) to 5 (best).</p><table><thead><tr><th>strategy</th><th>control-plane upgrades</th>${CRITERIA.map(([, label]) => `<th>${label}</th>`).join('')}<th>hands-on time</th><th>weighted total</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

const GANTT_WIDTH = 1060;
const GANTT_LABEL = 170;
const GANTT_ROW = 24;
const KIND_COLOURS = ['#1e88e5', '#8e24aa', '#00897b', '#f4511e', '#6d4c41', '#3949ab'];

export function scheduleSection(plan: Plan): string {
  const tasks = scheduleOf(plan);
  if (tasks.length === 0) return '<section id="schedule"><h2>Schedule</h2><p class="empty">Every environment is at the target already.</p></section>';
  const end = Math.max(...tasks.map((task) => task.start + task.minutes));
  const envs = [...new Set(tasks.map((task) => task.env))];
  const x = (minutes: number) => GANTT_LABEL + (minutes / end) * (GANTT_WIDTH - GANTT_LABEL - 10);
  const height = 24 + envs.length * GANTT_ROW + 8;
  const start = scheduleStart(plan);
  const parts: string[] = [];
  for (let day = 0; day * 1440 <= end; day++) {
    const at = x(day * 1440);
    parts.push(`<line x1="${at}" y1="16" x2="${at}" y2="${height}" stroke="#eee"/><text x="${at + 2}" y="12">${escapeHtml(new Date(start + day * 86_400_000).toISOString().slice(5, 10))}</text>`);
  }
  envs.forEach((env, row) => parts.push(`<text x="4" y="${24 + row * GANTT_ROW + 15}">${escapeHtml(env)}</text>`));
  tasks.forEach((task, index) => {
    const y = 24 + envs.indexOf(task.env) * GANTT_ROW + 3;
    const from = new Date(start + task.start * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    parts.push(`<rect class="task" x="${x(task.start)}" y="${y}" width="${Math.max(2, x(task.start + task.minutes) - x(task.start))}" height="${GANTT_ROW - 6}" rx="3" fill="${KIND_COLOURS[index % KIND_COLOURS.length]}"><title>${escapeHtml(`${task.env} ${task.label}: ${from} UTC, ${formatMinutes(task.minutes)}`)}</title></rect>`);
  });
  const list = tasks.map((task) => `<li>${escapeHtml(`${task.env} — ${task.label}: ${formatMinutes(task.minutes)}`)}</li>`).join('');
  return `<section id="schedule"><h2>Schedule</h2><p>Starting ${escapeHtml(plan.startDate)}, environments one after another with ${escapeHtml(String(plan.schedule.soakHours))} h of soak between them, work only on ${escapeHtml(plan.schedule.days.join(', '))} ${escapeHtml(plan.schedule.hours)} UTC. Hover a bar for its start time.</p><svg role="img" aria-label="schedule" width="100%" viewBox="0 0 ${GANTT_WIDTH} ${height}">${parts.join('')}</svg><details><summary>Tasks</summary><ul>${list}</ul></details></section>`;
}

export function stepsSection(plan: Plan): string {
  const envs = plan.environments
    .map((env, index) => {
      const body = env.steps.length === 0 ? `<p class="empty">Already at ${escapeHtml(env.target)}: nothing to do.</p>` : `<ol class="steps">${env.steps.map(stepItem).join('')}</ol>`;
      return `<details class="environment" data-env="${escapeHtml(env.name)}"${index === 0 ? ' open' : ''}><summary><strong>${index + 1}. ${escapeHtml(env.name)}</strong> (cluster ${escapeHtml(env.cluster)}): ${escapeHtml(env.current)} → ${escapeHtml(env.target)} (${env.steps.length} steps)</summary>${body}${manualList(env)}</details>`;
    })
    .join('');
  return `<section id="runbook"><h2>Runbook (${escapeHtml(plan.chosen)})</h2>${envs}</section>`;
}

function stepItem(step: Step): string {
  const details: string[] = [];
  for (const edit of step.edits) {
    const [first, ...added] = edit.to.split('\n');
    details.push(`<li>edit <code>${escapeHtml(`${edit.file}:${edit.line}`)}</code>: <code>${escapeHtml(edit.from.trim())}</code> → <code>${escapeHtml(first.trim())}</code>${added.length === 1 ? ` and add after it <code>${escapeHtml(added[0])}</code>` : added.length > 1 ? ` and add after it:<pre>${escapeHtml(added.join('\n'))}</pre>` : ''}</li>`);
  }
  for (const command of step.commands) details.push(`<li>run <code>${escapeHtml(command)}</code></li>`);
  for (const item of step.items ?? []) details.push(`<li>${escapeHtml(item)}</li>`);
  if (step.resolves.length > 0) details.push(`<li>clears ${step.resolves.map((ref) => `<code>${escapeHtml(`${ref.id} ${ref.path}${ref.line ? `:${ref.line}` : ''}`)}</code>`).join(', ')}</li>`);
  details.push(`<li class="rollback">rollback: ${escapeHtml(step.rollback)}</li>`);
  return `<li value="${step.order}" data-kind="${step.kind}"><span class="badge kind">${escapeHtml(step.kind)}</span> <strong>${escapeHtml(step.title)}</strong><span class="meta">${escapeHtml(`${step.hop} · ${step.phase} · ~${formatMinutes(step.minutes)}`)}</span><ul>${details.join('')}</ul></li>`;
}

function manualList(env: EnvironmentPlan): string {
  if (env.manual.length === 0) return '';
  const items = env.manual.map((item) => `<li><code>${escapeHtml(`${item.id} ${item.path}${item.line ? `:${item.line}` : ''}`)}</code>: ${escapeHtml(item.why)}</li>`).join('');
  return `<h4>For a person to decide (${env.manual.length})</h4><p>No step clears these findings; each says what must be decided or edited.</p><ul class="manual">${items}</ul>`;
}
