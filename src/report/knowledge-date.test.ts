// Every report a person or a pipeline reads says how old the knowledge it was judged with is.
import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample-report.js';
import { html } from './html/report-page.js';
import { reporters } from './index.js';

const { json, markdown, sarif, table } = reporters;

const dated = sampleReport({ knowledgeDate: '2026-11-01' });
const empty = sampleReport({ knowledgeDate: '2026-11-01', findings: [], summary: { error: 0, warning: 0, info: 0 } });

describe('the knowledge date in reports', () => {
  it('ends the table, with findings or without', () => {
    expect(table(dated, {}).endsWith('\n\n2 errors, 2 warnings, 1 info\nknowledge dated 2026-11-01\n')).toBe(true);
    expect(table(empty, {})).toBe('upshift: eks 1.28 → 1.34\n\nNo findings: no check reported anything for eks 1.34.\nknowledge dated 2026-11-01\n');
  });

  it('follows the counts in markdown', () => {
    expect(markdown(dated, {})).toContain('\n\n2 errors, 2 warnings, 1 info\n\n_Knowledge base dated 2026-11-01._\n\n## Errors (2)');
  });

  it('is the last key of the JSON document', () => {
    const document = JSON.parse(json(dated, {})) as Record<string, unknown>;
    expect(Object.keys(document).at(-1)).toBe('knowledgeDate');
    expect(document.knowledgeDate).toBe('2026-11-01');
  });

  it('is in the HTML subtitle', () => {
    expect(html(dated, { today: '2026-11-21' })).toContain('eks · 2 errors, 2 warnings, 1 info · upshift 0.1.0 · knowledge dated 2026-11-01');
  });

  it('is in the property bag of the SARIF run', () => {
    expect(JSON.parse(sarif(dated, {})).runs[0].properties).toEqual({ knowledgeDate: '2026-11-01' });
  });

  it('is left out of a report that does not carry one', () => {
    expect(table(sampleReport(), {})).not.toContain('knowledge dated');
    expect(JSON.parse(json(sampleReport(), {}))).not.toHaveProperty('knowledgeDate');
  });
});
