// -o yaml: the same object as -o json, as YAML.

import { yamlLibrary } from '../sources/yaml-library.js';
import type { Report } from '../core/types.js';
import type { ReportOptions } from './reporter.js';
import { reportDocument } from './document.js';

export function yaml(report: Report, options: ReportOptions): string {
  return yamlLibrary().stringify(reportDocument(report, options.cwd), {
    // Quote what a YAML 1.1 reader (kubectl, PyYAML, yaml.v2) would take for a date or boolean.
    compat: 'yaml-1.1',
    // One greppable line per message, and no anchors when two findings share an object.
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}
