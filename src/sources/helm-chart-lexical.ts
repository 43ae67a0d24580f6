// A chart's templates are Go templates, not YAML, until they are rendered. Without a
// renderer they are still read lexically: literal `apiVersion:`/`kind:` lines per document,
// reported with low confidence and one `input-unrendered-template` note per chart, so a
// chart is never skipped in silence.
import { displayPath } from '../core/display-path.js';
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import type { Finding, Resource } from '../core/types.js';

export interface ChartContents {
  resources: Resource[];
  findings: Finding[];
}

const FIELD = /^(apiVersion|kind):[ \t]*["']?([^"'\s#{}]+)["']?[ \t]*(?:#.*)?$/;
const METADATA_FIELD = /^[ \t]{2}(name|namespace):[ \t]*["']?([^"'\s#{}]+)["']?[ \t]*(?:#.*)?$/;

export function scanChartLexically(chartRoot: string, cwd: string, reason: string): ChartContents {
  const chartPath = displayPath(chartRoot, cwd);
  const templates = globSync('templates/**/*.{yaml,yml,json}', { cwd: chartRoot, absolute: true, dot: false }).sort();
  const resources: Resource[] = [];
  for (const template of templates) {
    resources.push(...scanTemplate(readFileSync(template, 'utf8'), displayPath(template, cwd)));
  }
  const findings: Finding[] = [
    {
      id: 'input-unrendered-template',
      severity: 'info',
      message: `Helm chart ${chartPath} was scanned without rendering (${reason}); its ${templates.length} templates were read for literal apiVersion/kind lines, so findings from them have low confidence`,
      origin: { type: 'file', path: `${chartPath}/Chart.yaml`, line: 1, column: 1 },
      details: { chart: chartPath, templates: templates.length, confidence: 'low' },
    },
  ];
  return { resources, findings };
}

function scanTemplate(text: string, path: string): Resource[] {
  const resources: Resource[] = [];
  // if/else branches give one document several apiVersion lines: each is a candidate.
  let apiVersions: { value: string; line: number }[] = [];
  let kind: string | undefined;
  let metadata: { name?: string; namespace?: string } = {};
  let inMetadata = false;
  const flush = () => {
    for (const apiVersion of kind ? apiVersions : []) {
      resources.push({
        apiVersion: apiVersion.value,
        kind: kind!,
        ...metadata,
        origin: { type: 'file', path, line: apiVersion.line, column: 1 },
        confidence: 'low',
      });
    }
    apiVersions = [];
    kind = undefined;
    metadata = {};
    inMetadata = false;
  };
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (/^---(\s|$)/.test(line)) return flush();
    const field = FIELD.exec(line);
    if (field?.[1] === 'apiVersion') apiVersions.push({ value: field[2], line: index + 1 });
    else if (field?.[1] === 'kind') kind = field[2];
    else if (/^metadata:\s*$/.test(line)) inMetadata = true;
    else if (/^[^\s{]/.test(line)) inMetadata = false;
    else if (inMetadata) {
      const entry = METADATA_FIELD.exec(line);
      if (entry) metadata[entry[1] as 'name' | 'namespace'] = entry[2];
    }
  });
  flush();
  return resources;
}
