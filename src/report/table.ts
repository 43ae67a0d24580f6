// -o table (the default): aligned columns for a person at a terminal.

import type { Finding, Report, Severity } from '../core/types.js';
import { countsLabel, findingLocationLabel, knowledgeLabel, locationLabel, noFindingsLabel, resourceLabel, versionsLabel } from './labels.js';
import { categoryOf, dueOf, type Due } from './due.js';
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
  { header: 'LOCATION', cell: (finding, cwd) => findingLocationLabel(finding, cwd) },
];

// Last, and never truncated: the message is what the reader acts on.
const MESSAGE_COLUMN: Column = { header: 'MESSAGE', cell: (finding) => finding.message };

/**
 * The first screen: what is due when (support deadlines, then before each hop, earliest first),
 * then the findings in those groups, most urgent first, fitted to the terminal's width (100
 * columns when the output is not a terminal). A cell too long for its column is shortened here;
 * -o wide and -o json hold the whole text.
 */
export function* table(report: Report, options: ReportOptions): Generator<string> {
  const heading = `upshift: ${versionsLabel(report)}`;
  const knowledge = knowledgeLabel(report);
  const footer = knowledge ? `\n${knowledge}\n` : '\n';
  if (report.findings.length === 0) {
    yield `${heading}\n\n${noFindingsLabel(report)}${footer}`;
    return;
  }
  const width = Math.max(options.width ?? DEFAULT_WIDTH, MIN_WIDTH);
  const groups = dueGroups(report);
  const summary = [`What to do, most urgent first (${problemsLabel(report.findings.length)}):`];
  for (const group of groups) summary.push(...wrapWords(`${group.due.label}: ${categoryCounts(group.findings)}`, width - 4).map((line, index) => (index === 0 ? `  ${line}` : `      ${line}`)));
  yield `${heading}\n\n${summary.join('\n')}\n`;
  for (const group of groups) {
    const rows = rowsOf(group.findings, FIRST_SCREEN_COLUMNS, options.cwd);
    const paint = (line: string, index: number) => (options.color ? paintSeverity(line, group.findings[index].severity) : line);
    yield `\n${group.due.label} (${group.findings.length})`;
    for (const line of fittedLines(FIRST_SCREEN_COLUMNS.map((column) => column.header), rows, width, paint)) yield `\n${line}`;
    yield '\n';
  }
  yield `\n${countsLabel(report.summary)}${footer}`;
}

/** Width of the table when the output is not a terminal (a pipe, a file, CI logs). */
const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;
// A cell is never shortened below this: "Deployment sh…/web" still says what it is.
const MIN_CELL = 16;
const LOCATION_INDEX = 3;

// LOCATION names at most two environments; the rest are counted (-o wide and json list them all).
const FIRST_SCREEN_COLUMNS: Column[] = [
  ...LEADING_COLUMNS.slice(0, 3),
  { header: 'LOCATION', cell: (finding, cwd) => locationLabel(finding.origin, cwd, compactEnvironments(finding.environments)) },
  MESSAGE_COLUMN,
];

function compactEnvironments(environments: readonly string[] | undefined): string[] | undefined {
  if (!environments || environments.length <= 2) return environments ? [...environments] : undefined;
  return [`${environments.length} environments`];
}

interface DueGroup {
  due: Due;
  findings: Finding[];
}

function dueGroups(report: Report): DueGroup[] {
  const groups = new Map<string, DueGroup>();
  for (const finding of sortFindings(report.findings)) {
    const due = dueOf(finding, report);
    const group = groups.get(due.label);
    if (group) group.findings.push(finding);
    else groups.set(due.label, { due, findings: [finding] });
  }
  return [...groups.values()].sort((a, b) => a.due.rank - b.due.rank);
}

/** "5 API migrations, 3 add-ons, 2 drain blockers", most numerous first. */
function categoryCounts(findings: readonly Finding[]): string {
  const counts = new Map<string, { count: number; name: string; plural: string }>();
  for (const finding of findings) {
    const category = categoryOf(finding.id);
    const entry = counts.get(category.name) ?? { count: 0, ...category };
    entry.count += 1;
    counts.set(category.name, entry);
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count)
    .map((entry) => `${entry.count} ${entry.count === 1 ? entry.name : entry.plural}`)
    .join(', ');
}

function problemsLabel(count: number): string {
  return `${count} problem${count === 1 ? '' : 's'}`;
}

/**
 * The rows on one line each when they fit the width; else each row's other cells on one line,
 * the widest shortened until it fits, and its message below on wrapped, indented lines.
 */
function* fittedLines(header: string[], rows: Rows, width: number, paint: (line: string, index: number) => string): Generator<string> {
  const widths = columnWidths(header, rows);
  if (lineLength(widths) <= width) {
    yield alignRow(header, widths);
    for (let index = 0; index < rows.count; index++) yield paint(alignRow(rows.at(index), widths), index);
    return;
  }
  const leading = widths.slice(0, -1);
  // Narrow the widest of the other columns a character at a time, so that RESOURCE and LOCATION give up alike.
  while (lineLength(leading) > width) {
    const widest = leading.indexOf(Math.max(...leading));
    if (leading[widest] <= MIN_CELL) break;
    leading[widest] -= 1;
  }
  yield alignRow(header.slice(0, -1), leading);
  for (let index = 0; index < rows.count; index++) {
    const row = rows.at(index);
    yield paint(alignRow(row.slice(0, -1).map((cell, column) => shorten(cell, leading[column], column === LOCATION_INDEX)), leading).trimEnd(), index);
    for (const line of wrapWords(row[row.length - 1], width - MESSAGE_INDENT.length)) yield MESSAGE_INDENT + line;
  }
}

/** Characters a row of these column widths takes, with the two-space gaps. */
function lineLength(widths: readonly number[]): number {
  return widths.reduce((sum, value) => sum + value, 0) + 2 * (widths.length - 1);
}

/**
 * The cell cut to the width with "…": a location keeps its end (file, line, environments), other
 * cells their start and end (a kind and a name).
 */
function shorten(cell: string, width: number, keepEnd: boolean): string {
  if (cell.length <= width) return cell;
  if (keepEnd) return `…${cell.slice(cell.length - width + 1)}`;
  const head = Math.ceil((width - 1) / 2);
  return `${cell.slice(0, head)}…${cell.slice(cell.length - (width - 1 - head))}`;
}

/** The table with extra columns between LOCATION and MESSAGE (-o wide adds DETAILS). */
export function* renderTable(report: Report, options: ReportOptions, extraColumns: Column[]): Generator<string> {
  const heading = `upshift: ${versionsLabel(report)}`;
  const findings = sortFindings(report.findings);
  const knowledge = knowledgeLabel(report);
  const footer = knowledge ? `\n${knowledge}\n` : '\n';
  if (findings.length === 0) {
    yield `${heading}\n\n${noFindingsLabel(report)}${footer}`;
    return;
  }
  const columns = [...LEADING_COLUMNS, ...extraColumns, MESSAGE_COLUMN];
  const header = columns.map((column) => column.header);
  const rows = rowsOf(findings, columns, options.cwd);
  const widths = columnWidths(header, rows);
  const paint = (line: string, index: number) => (options.color ? paintSeverity(line, findings[index].severity) : line);
  yield `${heading}\n`;
  // The longest line, the header's or a row's, is as long as the widths.
  if (options.width !== undefined && lineLength(widths) > options.width) {
    for (const line of stackedLines(header, rows, options.width, paint)) yield `\n${line}`;
  } else {
    yield `\n${alignRow(header, widths)}`;
    for (let index = 0; index < rows.count; index++) yield `\n${paint(alignRow(rows.at(index), widths), index)}`;
  }
  yield `\n\n${countsLabel(report.summary)}${footer}`;
}

/**
 * The rows' cells, made each time a row is asked for. A table reads its rows twice (for the
 * column widths, then for the lines) and they are not kept in between: kept for the tens of
 * thousands of findings of a large report, they outlived young-generation collections and
 * filled the old generation while the lines were written (peak RSS 150 MB in some runs and
 * 210-220 MB in others, printing the bench estate's 38,000 findings).
 */
interface Rows {
  count: number;
  at(index: number): string[];
}

function rowsOf(findings: readonly Finding[], columns: readonly Column[], cwd: string | undefined): Rows {
  return { count: findings.length, at: (index) => columns.map((column) => oneLine(column.cell(findings[index], cwd)) || '-') };
}

/** The widest cell of each column, header included. */
function columnWidths(header: string[], rows: Rows): number[] {
  const widths = header.map((title) => title.length);
  for (let index = 0; index < rows.count; index++) {
    const row = rows.at(index);
    for (let column = 0; column < widths.length; column++) widths[column] = Math.max(widths[column], row[column].length);
  }
  return widths;
}

/**
 * For a terminal narrower than the rows: the other columns aligned on one line, the message
 * below them, indented and wrapped to the width, so nothing runs off the edge or wraps mid-column.
 */
function* stackedLines(header: string[], rows: Rows, width: number, paint: (line: string, index: number) => string): Generator<string> {
  const leading = (row: string[]) => row.slice(0, -1);
  const widths = columnWidths(leading(header), rows);
  yield alignRow(leading(header), widths);
  for (let index = 0; index < rows.count; index++) {
    const row = rows.at(index);
    yield paint(alignRow(leading(row), widths), index);
    for (const line of wrapWords(row[row.length - 1], Math.max(width - MESSAGE_INDENT.length, 20))) yield MESSAGE_INDENT + line;
  }
}

const MESSAGE_INDENT = '    ';

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  // A word longer than the line (a URL, a long path) is cut, so no line is wider than the width.
  const words = text.split(' ').flatMap((word) => (word.length <= width ? [word] : (word.match(new RegExp(`.{1,${width}}`, 'g')) ?? [word])));
  for (const word of words) {
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
