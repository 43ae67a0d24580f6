import { describe, expect, it } from 'vitest';
import type { Report } from '../../core/types.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { html } from './report-page.js';
import { addonMatrix } from './addon-matrix.js';
import { escapeHtml } from './escape.js';

const knowledge = loadKnowledge();

const report: Report = {
  tool: { name: 'upshift', version: '0.1.0' },
  platform: 'eks',
  current: '1.28',
  target: '1.30',
  findings: [
    { id: 'api-removed', severity: 'error', message: 'Ingress <script>alert(1)</script> uses "old" & gone', resource: { apiVersion: 'extensions/v1beta1', kind: 'Ingress', namespace: 'shop', name: 'web' }, origin: { type: 'file', path: 'apps/web.yaml', line: 3, column: 1 } },
    { id: 'addon-upgrade-first', severity: 'error', message: 'upgrade first', details: { addon: 'cluster-autoscaler', version: '1.26.4', upgrades: [{ hop: '1.28→1.29', minimum: '1.29.0', recommended: '1.29.4' }, { hop: '1.29→1.30', minimum: '1.30.0', recommended: '1.30.2' }] } },
    { id: 'addon-outdated', severity: 'warning', message: 'outdated', details: { addon: 'vpc-cni', version: 'v1.15.0-eksbuild.2', recommended: 'v1.18.1-eksbuild.1' } },
  ],
  summary: { error: 2, warning: 1, info: 0 },
};

describe('html report', () => {
  it('escapes every value', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const page = html(report, { knowledge, today: '2026-11-23', cwd: '/' });
    expect(page).toContain('Ingress &lt;script&gt;alert(1)&lt;/script&gt; uses &quot;old&quot; &amp; gone');
    expect(page).not.toContain('<script>alert(1)');
  });

  it('draws the support timeline with today marked, the findings with filters and the add-on matrix', () => {
    const page = html(report, { knowledge, today: '2026-11-23', cwd: '/' });
    expect(page.match(/<section id="[a-z]+">/g)).toEqual(['<section id="timeline">', '<section id="findings">', '<section id="addons">']);
    expect(page).toContain('>today 2026-11-23</text>');
    expect(page).toContain('>current (1.28)</text>');
    expect(page).toContain('showing <strong id="shown-count">3</strong> of 3');
    expect(page).toContain('<option value="addon-outdated">addon-outdated</option>');
  });

  it('lists the environments of a problem found in several once, beside its one badge', () => {
    const merged: Report = {
      ...report,
      findings: [{ id: 'kubelet-skew', severity: 'error', message: 'skew', origin: { type: 'terraform', path: 'infra/main.tf', line: 85 }, environments: ['dev', 'prod', 'staging'] }],
      summary: { error: 1, warning: 0, info: 0 },
    };
    const page = html(merged, { knowledge, today: '2026-11-23', cwd: '/' });
    expect(page).toContain('<span class="badge error">kubelet-skew</span> <span class="envs" title="environments">dev, prod, staging</span> skew</li>');
    expect(page.match(/<span class="badge error">kubelet-skew<\/span>/g)).toHaveLength(1);
  });

  it('lists each add-on with its version, and the minimum, recommended version and hop of its next upgrade', () => {
    expect(addonMatrix(report.findings)).toContain(
      '<tr><td>cluster-autoscaler</td><td>1.26.4</td><td>1.29.0</td><td>1.29.4</td><td>1.28→1.29</td><td><span class="badge error">addon-upgrade-first</span></td></tr><tr><td>vpc-cni</td><td>v1.15.0-eksbuild.2</td><td>—</td><td>v1.18.1-eksbuild.1</td><td>—</td>',
    );
    expect(addonMatrix(report.findings.slice(0, 1))).toBe('');
  });
});
