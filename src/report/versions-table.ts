// The table form of `upshift versions`: one row per version, then pricing and what happens at the end.
import type { VersionsReport } from '../versions.js';

const HEADER = ['VERSION', 'STATUS', 'RELEASED', 'END OF STANDARD', 'END OF EXTENDED', 'DAYS LEFT', 'COST/MONTH'];

export function versionsTable(report: VersionsReport): string {
  const rows = report.versions.map((entry) => [
    entry.version + (entry.forecast ? '*' : ''),
    entry.status,
    entry.releaseDate,
    entry.endOfStandardSupport,
    entry.endOfExtendedSupport ?? '-',
    entry.daysLeft === null ? '-' : String(entry.daysLeft),
    entry.monthlyCost === null ? '-' : `$${entry.monthlyCost.toFixed(2)}`,
  ]);
  const widths = HEADER.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index].length)));
  const align = (cells: string[]) => cells.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index]))).join('  ');
  const lines = [`upshift: ${report.platform} support calendar on ${report.at} (knowledge dated ${report.knowledgeDate})`, '', align(HEADER), ...rows.map(align), ''];
  if (report.versions.some((entry) => entry.forecast)) lines.push('* forecast: at least one date is projected or from a third party, not yet published by the platform');
  if (report.pricing) {
    lines.push(`Cost per cluster: $${report.pricing.standardPerMonth.toFixed(2)}/month in standard support, $${report.pricing.extendedPerMonth.toFixed(2)}/month in extended support (${report.pricing.hoursPerMonth} h/month; ${report.pricing.source})`);
  }
  if (report.endOfSupport) lines.push(`At the end of extended support: ${report.endOfSupport.action}`);
  return `${lines.join('\n')}\n`;
}
