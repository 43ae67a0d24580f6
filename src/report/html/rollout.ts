// The simulated rollout (`upshift simulate -o json`): per node group, each node's cordon,
// drain and termination on a time axis, with eviction blockers marked.
import type { Simulation } from '../../plan/simulation.js';
import { formatMinutes } from '../../plan/durations.js';
import { escapeHtml } from './escape.js';

const WIDTH = 1060;
const LABEL = 170;
const ROW = 16;

export function rolloutSection(simulation: Simulation | undefined): string {
  if (!simulation || simulation.nodeGroups.length === 0) return '';
  const groups = simulation.nodeGroups.map((group) => {
    const timeline = group.timeline ?? [];
    const end = Math.max(group.durationSeconds, ...timeline.map((entry) => entry.terminatedAt ?? entry.drainedAt ?? entry.cordonAt), 1);
    const x = (seconds: number) => LABEL + (seconds / end) * (WIDTH - LABEL - 10);
    const height = 8 + Math.max(1, timeline.length) * ROW + 18;
    const parts = timeline.map((entry, index) => {
      const y = 4 + index * ROW;
      // A node the rollout never drained (it failed first) drains until the end of the picture.
      if (entry.drainedAt === null) {
        return `<text x="4" y="${y + 11}">${escapeHtml(entry.node)}</text><rect x="${x(entry.cordonAt)}" y="${y + 2}" width="${Math.max(1, x(end) - x(entry.cordonAt))}" height="${ROW - 4}" fill="#c62828"><title>${escapeHtml(`${entry.node} cordoned at ${entry.cordonAt}s, never drained`)}</title></rect>`;
      }
      const terminatedAt = entry.terminatedAt ?? end;
      return `<text x="4" y="${y + 11}">${escapeHtml(entry.node)}</text><rect x="${x(entry.cordonAt)}" y="${y + 2}" width="${Math.max(1, x(entry.drainedAt) - x(entry.cordonAt))}" height="${ROW - 4}" fill="#fb8c00"><title>${escapeHtml(`${entry.node} draining ${entry.cordonAt}s – ${entry.drainedAt}s`)}</title></rect><rect x="${x(entry.drainedAt)}" y="${y + 2}" width="${Math.max(1, x(terminatedAt) - x(entry.drainedAt))}" height="${ROW - 4}" fill="#90a4ae"/>`;
    });
    for (const blocker of group.blockers ?? []) {
      if (blocker.atSeconds === undefined) continue;
      parts.push(`<line x1="${x(blocker.atSeconds)}" y1="0" x2="${x(blocker.atSeconds)}" y2="${height - 18}" stroke="#c62828" stroke-dasharray="3 2"><title>${escapeHtml(`${blocker.pod} blocked by ${blocker.pdb ?? 'a PDB'} (${blocker.outcome ?? 'blocked'})`)}</title></line>`);
    }
    parts.push(`<text x="${LABEL}" y="${height - 4}">0</text><text x="${WIDTH - 60}" y="${height - 4}">${escapeHtml(formatMinutes(Math.ceil(end / 60)))}</text>`);
    const status = group.failed ? '<span class="badge error">fails</span>' : '<span class="badge" style="background:#2e7d32">completes</span>';
    return `<h3>${escapeHtml(group.name)}: ${group.nodes} nodes, maxUnavailable ${escapeHtml(group.maxUnavailable ?? '?')}, ${escapeHtml(formatMinutes(Math.ceil(group.durationSeconds / 60)))} ${status}</h3><svg role="img" aria-label="rollout of ${escapeHtml(group.name)}" width="100%" viewBox="0 0 ${WIDTH} ${height}">${parts.join('')}</svg>`;
  });
  return `<section id="rollout"><h2>Simulated rollout</h2><p><span class="badge" style="background:#fb8c00">draining</span> <span class="badge" style="background:#90a4ae">terminating</span> <span class="badge error">eviction blocked</span></p>${groups.join('')}</section>`;
}
