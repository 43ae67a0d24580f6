// -o wide: the table plus each finding's details as key=value pairs.

import type { Report } from '../core/types.js';
import { detailsLabel } from './labels.js';
import type { ReportOptions } from './reporter.js';
import { renderTable, type Column } from './table.js';

const DETAILS_COLUMN: Column = { header: 'DETAILS', cell: (finding) => detailsLabel(finding.details) };

export function wide(report: Report, options: ReportOptions): Generator<string> {
  return renderTable(report, options, [DETAILS_COLUMN]);
}
