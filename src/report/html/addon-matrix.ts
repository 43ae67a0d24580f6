// The add-on matrix: each add-on the checks judged, its version, the minimum and
// recommended versions for the target, and the hop it matters for (addon-* findings); of the
// upgrades addon-upgrade-first lists, the first, which is due soonest.
import { isRecord } from '../../core/fields.js';
import type { Finding } from '../../core/types.js';
import { sortFindings } from '../order.js';
import { escapeHtml } from './escape.js';

export function addonMatrix(findings: readonly Finding[]): string {
  const addonFindings = sortFindings([...findings]).filter((finding) => finding.id.startsWith('addon-'));
  if (addonFindings.length === 0) return '';
  const rows = new Map<string, Finding[]>();
  for (const finding of addonFindings) {
    const name = String(finding.details?.addon ?? finding.resource?.name ?? 'add-on');
    rows.set(name, [...(rows.get(name) ?? []), finding]);
  }
  const cell = (group: Finding[], key: string) => {
    const value = group.map((finding) => fieldsOf(finding)[key]).find((entry) => entry !== undefined);
    return value === undefined ? '—' : escapeHtml(value);
  };
  const body = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, group]) => `<tr><td>${escapeHtml(name)}</td><td>${cell(group, 'version')}</td><td>${cell(group, 'minimum')}</td><td>${cell(group, 'recommended')}</td><td>${cell(group, 'hop')}</td><td>${group.map((finding) => `<span class="badge ${finding.severity}">${escapeHtml(finding.id)}</span>`).join(' ')}</td></tr>`)
    .join('');
  return `<section id="addons"><h2>Add-ons</h2><table><thead><tr><th>add-on</th><th>version</th><th>minimum</th><th>recommended</th><th>hop</th><th>findings</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

function fieldsOf(finding: Finding): Record<string, unknown> {
  const details = finding.details ?? {};
  const first: unknown = Array.isArray(details.upgrades) ? details.upgrades[0] : undefined;
  return isRecord(first) ? { ...details, ...first } : details;
}
