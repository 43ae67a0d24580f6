// The output formats by -o name. A new format is one file here and one line in this map.

import { csv } from './csv.js';
import { html } from './html/report-page.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import type { Reporter } from './reporter.js';
import type { ReportFormat } from './formats.js';
import { sarif } from './sarif.js';
import { table } from './table.js';
import { wide } from './wide.js';
import { yaml } from './yaml.js';

export type { Reporter, ReportOptions } from './reporter.js';
export { sortFindings, summarize } from './order.js';

// One reporter for each of REPORT_FORMATS, no more, no fewer (satisfies checks both ways).
export const reporters: Readonly<Record<string, Reporter>> = { table, wide, json, yaml, markdown, csv, sarif, junit, html } satisfies Record<ReportFormat, Reporter>;
