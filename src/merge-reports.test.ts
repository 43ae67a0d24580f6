import { describe, expect, it } from 'vitest';
import { mergeReports } from './merge-reports.js';

const finding = {
  id: 'api-removed',
  severity: 'error',
  message: 'Ingress shop/web uses extensions/v1beta1, removed in 1.22',
  resource: { apiVersion: 'extensions/v1beta1', kind: 'Ingress', namespace: 'shop', name: 'web' },
  origin: { type: 'cluster', context: 'prod' },
};

function report(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ tool: { name: 'upshift', version: '0.1.0' }, platform: 'eks', current: '1.28', target: '1.33', findings: [finding], summary: { error: 1, warning: 0, info: 0 }, ...overrides });
}

function mergeError(text: string): string {
  try {
    mergeReports([{ path: 'prod.json', text: report() }, { path: 'edited.json', text }]);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

const SUFFIX = '; give reports written by upshift cluster -o json or upshift check -o json';

describe('mergeReports', () => {
  it('merges valid reports, the fleet as far behind as its oldest cluster', () => {
    const merged = mergeReports([
      { path: 'prod.json', text: report() },
      { path: 'dev.json', text: report({ current: '1.27', findings: [{ ...finding, severity: 'warning', origin: { type: 'cluster', context: 'dev' } }] }) },
    ]);
    expect(merged.current).toBe('1.27');
    expect(merged.summary).toEqual({ error: 1, warning: 1, info: 0 });
  });

  it('dates the fleet view by the oldest knowledge its reports were judged with', () => {
    const merged = mergeReports([
      { path: 'prod.json', text: report({ knowledgeDate: '2026-11-01' }) },
      { path: 'dev.json', text: report({ knowledgeDate: '2026-08-01' }) },
      { path: 'old.json', text: report() },
    ]);
    expect(merged.knowledgeDate).toBe('2026-08-01');
    expect(mergeReports([{ path: 'old.json', text: report() }]).knowledgeDate).toBeUndefined();
    expect(mergeError(report({ knowledgeDate: 'last week' }))).toContain('knowledgeDate: expected a date such as "2026-11-01"');
  });

  it('reads a report whose current version is null', () => {
    expect(mergeReports([{ path: 'a.json', text: report({ current: null }) }]).current).toBeUndefined();
  });

  // Each of these reached a reporter and crashed it ("unexpected failure"), or was merged as is.
  it.each([
    [{ findings: [{ id: 'x' }] }, 'findings.0.severity: expected "error", "warning", "info" (and 1 more problems)'],
    [{ findings: [{ ...finding, severity: 'fatal' }] }, 'findings.0.severity: expected "error", "warning", "info"'],
    [{ findings: [null] }, 'findings.0: expected object'],
    [{ findings: [{ ...finding, resource: null }] }, 'findings.0.resource: expected object'],
    [{ findings: [{ ...finding, origin: { type: 'file', line: 1, column: 1 } }] }, 'findings.0.origin.path: expected string'],
    [{ findings: [{ ...finding, origin: { type: 's3' } }] }, 'findings.0.origin.type: expected an origin whose type is file, terraform, helm-release, cluster or eks'],
    [{ findings: [{ ...finding, origin: { type: 'file', path: 'a.yaml', line: 0, column: 1 } }] }, 'findings.0.origin.line: expected more than 0'],
    [{ current: 'banana' }, 'current: expected a version such as "1.28" or null'],
  ])('refuses a report with a malformed field: %j', (overrides, problem) => {
    expect(mergeError(report(overrides))).toBe(`edited.json: not an upshift JSON report (${problem})${SUFFIX}`);
  });

  it('refuses JSON that is not a report at all', () => {
    expect(mergeError('[]')).toBe(`edited.json: not an upshift JSON report ((top level): expected object)${SUFFIX}`);
    expect(mergeError('{}')).toBe(`edited.json: not an upshift JSON report (platform: expected string (and 2 more problems))${SUFFIX}`);
  });
});
