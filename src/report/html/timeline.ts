// The support timeline: for each environment's version (and the target), its standard and
// extended support windows as bars on a shared date axis, with today marked.
import type { VersionSupport } from '../../knowledge/calendar.js';
import { escapeHtml } from './escape.js';

export interface TimelineRow {
  label: string;
  version: string;
}

const WIDTH = 1060;
const LABEL_WIDTH = 170;
const ROW_HEIGHT = 26;
const DAY_MS = 86_400_000;

export function supportTimeline(rows: readonly TimelineRow[], calendar: readonly VersionSupport[], today: string): string {
  const known = rows.map((row) => ({ row, support: calendar.find((entry) => entry.version === row.version) }));
  const placed = known.filter((entry): entry is { row: TimelineRow; support: VersionSupport } => entry.support !== undefined);
  const missing = known.filter((entry) => entry.support === undefined).map((entry) => entry.row);
  const intro = '<h2>Support timeline</h2>';
  if (placed.length === 0) return `<section id="timeline">${intro}<p class="empty">No version in the knowledge base to draw.</p></section>`;
  const todayMs = Date.parse(today);
  const starts = placed.map(({ support }) => Date.parse(support.releaseDate));
  const ends = placed.map(({ support }) => Date.parse(support.endOfExtendedSupport ?? support.endOfStandardSupport));
  const min = Math.min(...starts, todayMs) - 30 * DAY_MS;
  const max = Math.max(...ends, todayMs) + 30 * DAY_MS;
  const x = (ms: number) => LABEL_WIDTH + ((ms - min) / (max - min)) * (WIDTH - LABEL_WIDTH - 10);
  const height = 30 + placed.length * ROW_HEIGHT + 20;
  const parts: string[] = [];
  for (let year = new Date(min).getUTCFullYear() + 1; Date.UTC(year, 0, 1) < max; year++) {
    const at = x(Date.UTC(year, 0, 1));
    parts.push(`<line x1="${at}" y1="20" x2="${at}" y2="${height - 16}" stroke="#e0e0e0"/><text x="${at + 3}" y="14">${year}</text>`);
  }
  placed.forEach(({ row, support }, index) => {
    const y = 26 + index * ROW_HEIGHT;
    const release = x(Date.parse(support.releaseDate));
    const standardEnd = x(Date.parse(support.endOfStandardSupport));
    parts.push(`<text x="4" y="${y + 14}">${escapeHtml(row.label)}</text>`);
    parts.push(`<rect class="standard" x="${release}" y="${y + 2}" width="${Math.max(1, standardEnd - release)}" height="16" rx="3" fill="#43a047"><title>${escapeHtml(`${support.version} standard support ${support.releaseDate} – ${support.endOfStandardSupport}`)}</title></rect>`);
    if (support.endOfExtendedSupport) {
      const extendedEnd = x(Date.parse(support.endOfExtendedSupport));
      parts.push(`<rect class="extended" x="${standardEnd}" y="${y + 2}" width="${Math.max(1, extendedEnd - standardEnd)}" height="16" rx="3" fill="#ffb300"><title>${escapeHtml(`${support.version} extended support until ${support.endOfExtendedSupport}`)}</title></rect>`);
    }
    parts.push(`<text x="${release + 4}" y="${y + 14}" fill="#fff">${escapeHtml(`${support.version} · ${support.status}`)}</text>`);
  });
  const todayX = x(todayMs);
  parts.push(`<line id="today" x1="${todayX}" y1="18" x2="${todayX}" y2="${height - 14}" stroke="#c62828" stroke-width="2"/><text x="${todayX > WIDTH - 140 ? todayX - 4 : todayX + 4}" y="${height - 2}" text-anchor="${todayX > WIDTH - 140 ? 'end' : 'start'}" fill="#c62828">today ${escapeHtml(today)}</text>`);
  const legend = '<p><span class="badge" style="background:#43a047">standard support</span> <span class="badge" style="background:#ffb300;color:#1b1b1b">extended support (extra cost)</span></p>';
  const unknown = missing.length > 0 ? `<p class="empty">Not in the knowledge base: ${missing.map((row) => escapeHtml(`${row.label} (${row.version})`)).join(', ')}</p>` : '';
  return `<section id="timeline">${intro}${legend}<svg role="img" aria-label="support timeline" width="100%" viewBox="0 0 ${WIDTH} ${height}">${parts.join('')}</svg>${unknown}</section>`;
}
