// The runbook as Markdown: the strategy table, why the advisor chose, the schedule as a
// mermaid Gantt chart, then per environment a numbered checklist a person can follow.
import { formatMinutes } from './durations.js';
import { mermaidGantt } from './gantt.js';
import { CRITERIA, type EnvironmentPlan, type Plan, type Step } from './types.js';

export function runbookMarkdown(plan: Plan): string {
  const recommended = plan.strategies.find((strategy) => strategy.recommended)!;
  const out: string[] = [`# Upgrade plan: ${plan.current} → ${plan.target} (${plan.platform})`, ''];
  out.push(
    plan.chosen === recommended.name
      ? `Strategy: **${plan.chosen}** (recommended).`
      : `Strategy: **${plan.chosen}** (chosen with --strategy; the advisor recommends **${recommended.name}**).`,
    '',
    ...(plan.knowledgeDate ? [`_Knowledge base dated ${plan.knowledgeDate}._`, ''] : []),
    '## Strategies',
    '',
    'Scores run from 1 (worst) to 5 (best).',
    '',
    `| strategy | control-plane upgrades | ${CRITERIA.map(([, label]) => label).join(' | ')} | hands-on time | weighted total |`,
    `|---|---:|${CRITERIA.map(() => '---:').join('|')}|---:|---:|`,
  );
  for (const strategy of plan.strategies) {
    const name = strategy.recommended ? `**${strategy.name}** (recommended)` : strategy.name;
    out.push(`| ${name} | ${strategy.hops} | ${CRITERIA.map(([criterion]) => `${strategy.scores[criterion]}/5`).join(' | ')} | ${formatMinutes(strategy.minutes)} | ${strategy.total} |`);
  }
  out.push('');
  for (const strategy of plan.strategies) {
    out.push(`**${strategy.name}**: ${strategy.reasons.map(escapeMarkdown).join('; ')}.`, '');
  }
  out.push('## What the advisor weighed', '', ...signalLines(plan).map((line) => `- ${line}`), '');
  const active = plan.environments.filter((env) => env.steps.length > 0);
  if (active.length > 0) out.push('## Schedule', '', '```mermaid', mermaidGantt(plan).trimEnd(), '```', '');
  plan.environments.forEach((env, index) => out.push(...environmentSection(env, index + 1)));
  return `${out.join('\n').trimEnd()}\n`;
}

function signalLines(plan: Plan): string[] {
  const signals = plan.signals;
  const lines = [
    `${plural(signals.versionsToJump, 'minor version')} to jump at most (${plan.environments.map((env) => `${escapeMarkdown(env.name)} ${env.current}`).join(', ')})`,
    `${plural(signals.applications, 'application')} (Deployments and StatefulSets), ${signals.statefulWorkloads} stateful`,
    plural(signals.nodeGroups, 'node group'),
    `${plural(signals.pdbBlockers, 'PDB')} blocking eviction, ${plural(signals.singletonJobs, 'job')} that must not run twice, ${plural(signals.pinnedWorkloads, 'workload')} pinned to a node group`,
    plural(signals.apiMigrations, 'API migration'),
    `traffic entry points: ${plural(signals.ingresses, 'Ingress')} (${signals.albIngresses} ALB), ${plural(signals.targetGroupBindings, 'TargetGroupBinding')}, Route 53 ${signals.route53 ? 'managed (external-dns or Terraform)' : 'not found'}`,
  ];
  if (signals.simulatedRolloutMinutes !== undefined) lines.push(`simulated node rollout: ${formatMinutes(signals.simulatedRolloutMinutes)} per hop`);
  return lines;
}

function environmentSection(env: EnvironmentPlan, position: number): string[] {
  const total = env.steps.reduce((sum, step) => sum + step.minutes, 0);
  const out = [`## ${position}. ${escapeMarkdown(env.name)}: ${env.current} → ${env.target}`, ''];
  out.push(`Cluster ${code(env.cluster)}.${env.origin && 'path' in env.origin ? ` Version declared in ${code(`${env.origin.path}:${env.origin.line}`)}.` : ''}`, '');
  if (env.steps.length === 0) return [...out, `Already at ${env.target}: nothing to do.`, ''];
  out.push(`${env.steps.length} steps, about ${formatMinutes(total)} of hands-on time.`, '');
  let hop: string | undefined;
  for (const step of env.steps) {
    if (step.hop !== hop) {
      hop = step.hop;
      out.push(`### ${env.hops.length > 1 ? 'Hop' : 'Upgrade'} ${hop}`, '');
    }
    out.push(...stepLines(step), '');
  }
  out.push(...manualLines(env));
  return out;
}

function stepLines(step: Step): string[] {
  const lines = [`${step.order}. [ ] **${escapeMarkdown(step.title)}** (${step.kind}, ${step.phase}, ~${formatMinutes(step.minutes)})`];
  for (const edit of step.edits) {
    const [first, ...added] = edit.to.split('\n');
    lines.push(`   - Edit ${code(`${edit.file}:${edit.line}`)}: ${code(edit.from.trim())} → ${code(first.trim())}`);
    if (added.length === 1) lines.push(`     and add after it: ${code(added[0])}`);
    // A block of new lines (a variable declaration) reads, and copies, best as it will stand in the file.
    else if (added.length > 1) lines.push('     and add after it:', '', '     ```', ...added.map((line) => (line === '' ? '' : `     ${line}`)), '     ```', '');
  }
  for (const command of step.commands) lines.push(`   - Run ${code(command)}`);
  for (const item of step.items ?? []) lines.push(`   - ${escapeMarkdown(item)}`);
  if (step.resolves.length > 0) lines.push(`   - Clears: ${step.resolves.map((ref) => code(`${ref.id} ${ref.path}${ref.line ? `:${ref.line}` : ''}`)).join(', ')}`);
  lines.push(`   - Rollback: ${escapeMarkdown(step.rollback)}`);
  return lines;
}

function manualLines(env: EnvironmentPlan): string[] {
  if (env.manual.length === 0) return [];
  return [
    `### For a person to decide (${env.manual.length})`,
    '',
    'No step clears these findings; each says what must be decided or edited.',
    '',
    ...env.manual.map((item) => `- [ ] ${code(`${item.id} ${item.path}${item.line ? `:${item.line}` : ''}`)}: ${escapeMarkdown(item.why)}`),
    '',
  ];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : noun.endsWith('s') ? 'es' : 's'}`;
}

/** Inline code that survives backticks inside the text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (char) => `\\${char}`);
}
