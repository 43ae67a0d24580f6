// The formats written a piece at a time (reporter.ts's ReportPieces) must be exactly the text
// the document written whole would be, and must come in pieces: one per finding, not one string.
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Finding } from '../core/types.js';
import { sampleFindings, sampleReport } from './fixtures/sample-report.js';
import { reportPieces } from './index.js';
import { streamedJson } from './streamed-json.js';

// Findings with what layouts get wrong: a message over several lines (a YAML block scalar, a JSON
// "\n"), empty and nested details, quotes, a non-ASCII character and a NUL.
const awkward: Finding[] = [
  ...sampleFindings,
  {
    id: 'input-invalid',
    severity: 'error',
    message: 'apps/a.yaml: line 3:\n  key: "value\n\nunterminated → fix it\u0000',
    origin: { type: 'file', path: 'apps/a.yaml', line: 3, column: 7 },
    details: { empty: {}, none: [], nested: { list: [1, { deep: ['x', 'y'] }], text: 'a "quoted" word' } },
  },
  { id: 'single-replica', severity: 'warning', message: 'Deployment shop/api runs replicas 1', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' }, environments: ['dev', 'prod'] },
];
const report = sampleReport({ findings: awkward, summary: { error: 3, warning: 3, info: 1 }, notes: ['a note after the findings'] });
const empty = sampleReport({ findings: [], summary: { error: 0, warning: 0, info: 0 } });
const text = (format: string, from = report) => [...reportPieces[format](from, {})].join('');

describe('reports written in pieces', () => {
  it.each([
    ['with findings', report],
    ['without findings', empty],
  ])('json and sarif %s are JSON.stringify(document, null, 2) of what they hold, and yaml the yaml library\'s text of it', (_, from) => {
    for (const format of ['json', 'sarif']) {
      const printed = text(format, from);
      expect(printed).toBe(`${JSON.stringify(JSON.parse(printed), null, 2)}\n`);
    }
    const printed = text('yaml', from);
    expect(printed).toBe(stringify(parse(printed), { compat: 'yaml-1.1', lineWidth: 0, aliasDuplicateObjects: false }));
    expect(parse(printed)).toEqual(JSON.parse(text('json', from)));
  });

  it('holds every finding in order, and the fields after them', () => {
    const document = JSON.parse(text('json'));
    expect(document.findings.map((finding: Finding) => finding.id)).toEqual(['input-invalid', 'api-removed', 'pdb-blocks-eviction', 'single-replica', 'support-ending', 'api-deprecated', 'recreate-strategy']);
    expect(document.findings[0].message).toBe(awkward[awkward.length - 2].message);
    expect(document.notes).toEqual(['a note after the findings']);
    expect(JSON.parse(text('sarif')).runs[0].results).toHaveLength(7);
  });

  it.each(['table', 'wide', 'json', 'yaml', 'markdown', 'csv', 'sarif', 'junit'])('%s comes a finding (or line) at a time', (format) => {
    expect([...reportPieces[format](report, {})].length).toBeGreaterThanOrEqual(awkward.length);
  });
});

describe('streamedJson', () => {
  it('places the items where the document holds the placeholder, at its depth', () => {
    const document = (items: string) => ({ a: 1, b: { c: [{ items }], d: 'after' } });
    const items = [{ x: [1, 2] }, 'two', null];
    expect([...streamedJson(document, items)].join('')).toBe(JSON.stringify({ a: 1, b: { c: [{ items }], d: 'after' } }, null, 2).replace('"items": "items"', `"items": ${JSON.stringify(items, null, 2).replaceAll('\n', '\n      ')}`));
    expect([...streamedJson(document, [])].join('')).toBe(JSON.stringify({ a: 1, b: { c: [{ items: [] }], d: 'after' } }, null, 2));
  });

  it('refuses a document without the placeholder', () => {
    expect(() => [...streamedJson(() => ({ a: 1 }), [1])]).toThrow('streamedJson: the document does not hold the streamed array');
  });
});
