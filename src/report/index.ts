// The output formats by -o name. A new format is one file here and one line in this map.

import { csv } from './csv.js';
import { html } from './html/report-page.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import type { Reporter, ReportPieces } from './reporter.js';
import type { ReportFormat } from './formats.js';
import { sarif } from './sarif.js';
import { table } from './table.js';
import { wide } from './wide.js';
import { yaml } from './yaml.js';

export type { Reporter, ReportOptions, ReportPieces } from './reporter.js';
export { sortFindings, summarize } from './order.js';

// One for each of REPORT_FORMATS, no more, no fewer (satisfies checks both ways). The HTML page
// is one document of its own making: one piece.
export const reportPieces: Readonly<Record<string, ReportPieces>> = {
  table,
  wide,
  json,
  yaml,
  markdown,
  csv,
  sarif,
  junit,
  html: (report, options) => [html(report, options)],
} satisfies Record<ReportFormat, ReportPieces>;

/** Each format's output as one string. */
export const reporters: Readonly<Record<string, Reporter>> = Object.fromEntries(
  Object.entries(reportPieces).map(([format, pieces]) => [format, (report, options) => [...pieces(report, options)].join('')] satisfies [string, Reporter]),
);
