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
});
