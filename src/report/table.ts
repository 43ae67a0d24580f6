// -o table (the default): aligned columns for a person at a terminal.

import type { Finding, Report, Severity } from '../core/types.js';
import { countsLabel, locationLabel, noFindingsLabel, resourceLabel, versionsLabel } from './labels.js';
import { sortFindings } from './order.js';
import type { ReportOptions } from './reporter.js';

export interface Column {
  header: string;
  cell(finding: Finding, cwd: string | undefined): string;
}

const SEVERITY_COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[2m' };
const RESET = '\x1b[0m';

const LEADING_COLUMNS: Column[] = [
  { header: 'SEVERITY', cell: (finding) => finding.severity },
  { header: 'ID', cell: (finding) => finding.id },
  { header: 'RESOURCE', cell: (finding) => resourceLabel(finding.resource) },
  { header: 'LOCATION', cell: (finding, cwd) => locationLabel(finding.origin, cwd) },
];

// Last, and never truncated: the message is what the reader acts on.
const MESSAGE_COLUMN: Column = { header: 'MESSAGE', cell: (finding) => finding.message };

export function table(report: Report, options: ReportOptions): string {
  return renderTable(report, options, []);
}

/** The table with extra columns between LOCATION and MESSAGE (-o wide adds DETAILS). */
export function renderTable(report: Report, options: ReportOptions, extraColumns: Column[]): string {
  const heading = `upshift: ${versionsLabel(report)}`;
  const findings = sortFindings(report.findings);
  if (findings.length === 0) return `${heading}\n\n${noFindingsLabel(report)}\n`;
  const columns = [...LEADING_COLUMNS, ...extraColumns, MESSAGE_COLUMN];
  const header = columns.map((column) => column.header);
  const rows = findings.map((finding) => columns.map((column) => oneLine(column.cell(finding, options.cwd)) || '-'));
  const widths = columnWidths(header, rows);
  const paint = (line: string, index: number) => (options.color ? paintSeverity(line, findings[index].severity) : line);
  const aligned = rows.map((row) => alignRow(row, widths));
  const lines =
    options.width !== undefined && aligned.some((line) => line.length > options.width!)
      ? stackedLines(header, rows, options.width, paint)
      : [alignRow(header, widths), ...aligned.map(paint)];
  return `${heading}\n\n${lines.join('\n')}\n\n${countsLabel(report.summary)}\n`;
}

/** The widest cell of each column, header included (a loop: spreading 100,000 rows into Math.max overflows the stack). */
function columnWidths(header: string[], rows: string[][]): number[] {
  return header.map((title, index) => rows.reduce((widest, row) => Math.max(widest, row[index].length), title.length));
}

/**
 * For a terminal narrower than the rows: the other columns aligned on one line, the message
 * below them, indented and wrapped to the width, so nothing runs off the edge or wraps mid-column.
 */
function stackedLines(header: string[], rows: string[][], width: number, paint: (line: string, index: number) => string): string[] {
  const leading = (row: string[]) => row.slice(0, -1);
  const widths = columnWidths(leading(header), rows);
  const lines = [alignRow(leading(header), widths)];
  rows.forEach((row, index) => {
    lines.push(paint(alignRow(leading(row), widths), index));
    lines.push(...wrapWords(row[row.length - 1], Math.max(width - MESSAGE_INDENT.length, 20)).map((line) => MESSAGE_INDENT + line));
  });
  return lines;
}

const MESSAGE_INDENT = '    ';

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function alignRow(cells: string[], widths: number[]): string {
  return cells.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index]))).join('  ');
}

// SEVERITY is the first column, so the word to colour starts the line.
function paintSeverity(line: string, severity: Severity): string {
  return `${SEVERITY_COLORS[severity]}${severity}${RESET}${line.slice(severity.length)}`;
}

// A line break inside a cell would break the alignment of every row after it.
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
