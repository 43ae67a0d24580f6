// `-o html` for check: the findings report as one self-contained page — support timeline,
// findings with filters, the add-on matrix.
import type { Inventory, Platform } from '../../core/inventory.js';
import type { Report } from '../../core/types.js';
import { isoDay, supportCalendar } from '../../knowledge/calendar.js';
import { loadKnowledge, type Knowledge } from '../../knowledge/load.js';
import type { ReportOptions } from '../reporter.js';
import { addonMatrix } from './addon-matrix.js';
import { findingsSection } from './findings.js';
import { htmlPage } from './page.js';
import { supportTimeline, type TimelineRow } from './timeline.js';

export function html(report: Report, options: ReportOptions): string {
  const today = options.today ?? isoDay(new Date());
  return htmlPage(`upshift: ${report.current ? `${report.current} → ` : ''}${report.target}`, subtitle(report), [
    timelineFor(report, options.knowledge ?? loadKnowledge(), options.inventory, today),
    findingsSection(report.findings, options.cwd),
    addonMatrix(report.findings),
  ]);
}

export function subtitle(report: Report): string {
  const { error, warning, info } = report.summary;
  const knowledge = report.knowledgeDate ? ` · knowledge dated ${report.knowledgeDate}` : '';
  return `${report.platform} · ${error} errors, ${warning} warnings, ${info} info · ${report.tool.name} ${report.tool.version}${knowledge}`;
}

/** One row per environment found (or the current version), and the target. */
export function timelineFor(report: Pick<Report, 'platform' | 'current' | 'target'>, knowledge: Knowledge, inventory: Inventory | undefined, today: string): string {
  const rows: TimelineRow[] = (inventory?.environments ?? [])
    .filter((env) => env.clusterVersion)
    .map((env) => ({ label: `${env.name} (${env.clusterVersion})`, version: minor(env.clusterVersion!) }));
  if (rows.length === 0 && report.current) rows.push({ label: `current (${report.current})`, version: report.current });
  rows.push({ label: `target (${report.target})`, version: report.target });
  const platform: Platform = report.platform === 'kubernetes' ? 'kubernetes' : 'eks';
  return supportTimeline(rows, supportCalendar(knowledge, platform, today), today);
}

function minor(version: string): string {
  return version.split('.').slice(0, 2).join('.').replace(/^v/, '');
}
