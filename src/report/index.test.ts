import { describe, expect, it } from 'vitest';
import { sampleFindings, sampleReport } from './fixtures/sample-report.js';
import { reporters } from './index.js';

describe('reporters', () => {
  it('registers every -o format of check and cluster', () => {
    expect(Object.keys(reporters)).toEqual(['table', 'wide', 'json', 'yaml', 'markdown', 'csv', 'sarif', 'junit', 'html']);
  });

  it.each(Object.keys(reporters))('%s prints the same text whatever order the findings came in', (format) => {
    const reporter = reporters[format];
    const forwards = reporter(sampleReport(), {});
    const backwards = reporter(sampleReport({ findings: [...sampleFindings].reverse() }), {});
    expect(backwards).toBe(forwards);
    expect(forwards.endsWith('\n')).toBe(true);
  });

  it.each(Object.keys(reporters))('%s names every environment of a problem found in several', (format) => {
    const merged = sampleReport({
      findings: [{ id: 'kubelet-skew', severity: 'error', message: 'node group general runs 1.28', origin: { type: 'terraform', path: 'infra/main.tf', line: 85 }, environments: ['dev', 'staging'], details: { byEnvironment: { dev: { version: '1.28' }, staging: { version: '1.27' } } } }],
      summary: { error: 1, warning: 0, info: 0 },
    });
    const printed = reporters[format](merged, {});
    expect(printed).toContain('dev');
    expect(printed).toContain('staging');
  });
});
