// -o yaml: the same object as -o json, as YAML.

import { yamlLibrary } from '../sources/yaml-library.js';
import type { Report } from '../core/types.js';
import type { ReportOptions } from './reporter.js';
import { findingDocuments, reportDocument } from './document.js';

const OPTIONS = {
  // Quote what a YAML 1.1 reader (kubectl, PyYAML, yaml.v2) would take for a date or boolean.
  compat: 'yaml-1.1',
  // One greppable line per message, and no anchors when two findings share an object.
  lineWidth: 0,
  aliasDuplicateObjects: false,
} as const;

// Stands for the findings while the rest of the document is written (see streamed-json.ts).
const STREAMED = '\u0000upshift streamed findings\u0000';

/**
 * The document as the yaml library writes it whole, with the findings written one at a time:
 * with no line folding (lineWidth 0), an item of a block sequence is the same text at any depth,
 * each of its lines indented by the sequence's.
 */
export function* yaml(report: Report, options: ReportOptions): Generator<string> {
  const { stringify } = yamlLibrary();
  const text = stringify(reportDocument(report, options.cwd, STREAMED), OPTIONS);
  const placeholder = `findings: ${stringify(STREAMED, OPTIONS).trimEnd()}\n`;
  const at = text.indexOf(placeholder);
  if (at < 0) throw new Error('yaml: the report document has no findings placeholder');
  let first = true;
  for (const finding of findingDocuments(report, options.cwd)) {
    const item = stringify([finding], OPTIONS).replace(/^(?=.)/gm, '  ');
    yield first ? `${text.slice(0, at)}findings:\n${item}` : item;
    first = false;
  }
  yield first ? `${text.slice(0, at)}findings: []\n${text.slice(at + placeholder.length)}` : text.slice(at + placeholder.length);
}
