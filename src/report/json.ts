// -o json: the machine-readable report of CLI.md.

import type { Report } from '../core/types.js';
import type { ReportOptions } from './reporter.js';
import { findingDocuments, reportDocument } from './document.js';
import { streamedJson } from './streamed-json.js';

export function* json(report: Report, options: ReportOptions): Generator<string> {
  yield* streamedJson((findings) => reportDocument(report, options.cwd, findings), findingDocuments(report, options.cwd));
  yield '\n';
}
