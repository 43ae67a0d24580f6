// -o json: the machine-readable report of CLI.md.

import type { Report } from '../core/types.js';
import type { ReportOptions } from './reporter.js';
import { reportDocument } from './document.js';

export function json(report: Report, options: ReportOptions): string {
  return `${JSON.stringify(reportDocument(report, options.cwd), null, 2)}\n`;
}
