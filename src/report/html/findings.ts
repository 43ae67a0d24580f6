// Findings grouped by severity, then by resource, with filters by severity, id and text.
import type { Finding, Severity } from '../../core/types.js';
import { SEVERITIES } from '../../core/types.js';
import { locationLabel, resourceLabel } from '../labels.js';
import { sortFindings } from '../order.js';
import { escapeHtml } from './escape.js';

export function findingsSection(unsorted: readonly Finding[], cwd: string | undefined): string {
  const findings = sortFindings([...unsorted]);
  if (findings.length === 0) return '<section id="findings"><h2>Findings</h2><p class="empty">No findings.</p></section>';
  const ids = [...new Set(findings.map((finding) => finding.id))].sort();
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  const filters = `<div class="filters">
${SEVERITIES.map((severity) => `<label><input type="checkbox" data-filter-severity="${severity}" checked> <span class="badge ${severity}">${severity}</span> ${count(severity)}</label>`).join('\n')}
<label>id <select id="filter-id"><option value="">all</option>${ids.map((id) => `<option value="${escapeHtml(id)}">${escapeHtml(id)}</option>`).join('')}</select></label>
<label><input type="search" id="filter-text" placeholder="filter by text, file, name"></label>
<span>showing <strong id="shown-count">${findings.length}</strong> of ${findings.length}</span>
</div>`;
  const groups = SEVERITIES.map((severity) => severityGroup(severity, findings.filter((finding) => finding.severity === severity), cwd)).join('');
  return `<section id="findings"><h2>Findings</h2>${filters}${groups}</section>`;
}

// One problem in several environments is one item naming them, not one badge per environment.
function environmentsList(finding: Finding): string {
  const environments = finding.environments ?? [];
  return environments.length > 0 ? ` <span class="envs" title="environments">${escapeHtml(environments.join(', '))}</span>` : '';
}

function severityGroup(severity: Severity, findings: readonly Finding[], cwd: string | undefined): string {
  if (findings.length === 0) return '';
  const byResource = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${resourceLabel(finding.resource)}\u0000${locationLabel(finding.origin, cwd)}`;
    byResource.set(key, [...(byResource.get(key) ?? []), finding]);
  }
  const resources = [...byResource.entries()].map(([key, group]) => {
    const [resource, location] = key.split('\u0000');
    const items = group
      .map((finding) => `<li class="finding" data-severity="${finding.severity}" data-id="${escapeHtml(finding.id)}"><span class="badge ${finding.severity}">${escapeHtml(finding.id)}</span>${environmentsList(finding)} ${escapeHtml(finding.message)}</li>`)
      .join('');
    return `<details class="resource" open><summary>${escapeHtml(resource || '(input)')}<span class="where">${escapeHtml(location)}</span></summary><ul class="findings">${items}</ul></details>`;
  });
  return `<div class="severity-group" data-severity="${severity}"><h3><span class="badge ${severity}">${severity}</span> ${findings.length}</h3>${resources.join('')}</div>`;
}
