import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample-report.js';
import { reporters } from './index.js';

const { json } = reporters;

describe('json', () => {
  it('prints the CLI.md schema with sorted findings, 2-space indent and a trailing newline', () => {
    const output = json(sampleReport(), {});
    expect(output.endsWith('}\n')).toBe(true);
    expect(output.split('\n')[1]).toBe('  "tool": {');
    expect(JSON.parse(output)).toEqual({
      tool: { name: 'upshift', version: '0.1.0' },
      platform: 'eks',
      current: '1.28',
      target: '1.34',
      findings: [
        {
          id: 'api-removed',
          severity: 'error',
          message: 'Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19)',
          resource: { apiVersion: 'extensions/v1beta1', kind: 'Ingress', namespace: 'shop', name: 'web' },
          origin: { type: 'file', path: 'apps/shop/ingress.yaml', line: 12, column: 1 },
          details: { deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1', hop: '1.21→1.22' },
        },
        {
          id: 'pdb-blocks-eviction',
          severity: 'error',
          message: 'PodDisruptionBudget shop/web allows no disruption (maxUnavailable: 0); node drains will hang',
          resource: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespace: 'shop', name: 'web' },
          origin: { type: 'helm-release', release: 'web', namespace: 'shop', revision: 4 },
        },
        {
          id: 'support-ending',
          severity: 'warning',
          message: 'EKS 1.28 leaves standard support on 2024-11-26; extended support costs more per cluster-hour',
          details: { endOfStandardSupport: '2024-11-26' },
        },
        {
          id: 'api-deprecated',
          severity: 'warning',
          message:
            'FlowSchema catch-all uses flowcontrol.apiserver.k8s.io/v1beta3, removed in 1.32; use flowcontrol.apiserver.k8s.io/v1',
          resource: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', name: 'catch-all' },
          origin: { type: 'cluster', context: 'prod' },
          details: { deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
        },
        {
          id: 'recreate-strategy',
          severity: 'info',
          message: 'Deployment shop/worker uses strategy Recreate: it is down while each rollout replaces its pods',
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'worker' },
          origin: { type: 'file', path: 'apps/shop/worker.yaml', line: 1, column: 1 },
        },
      ],
      summary: { error: 2, warning: 2, info: 1 },
    });
  });

  it('keeps the field order of CLI.md whatever order the finding was built in', () => {
    const report = sampleReport({
      findings: [
        {
          details: { removedIn: '1.22' },
          origin: { type: 'file', path: '/repo/a.yaml', line: 2, column: 1 },
          resource: { name: 'web', namespace: 'shop', kind: 'Ingress', apiVersion: 'extensions/v1beta1' },
          message: 'removed',
          severity: 'error',
          id: 'api-removed',
        },
      ],
      summary: { info: 0, warning: 0, error: 1 },
    });
    const document = JSON.parse(json(report, { cwd: '/repo' }));
    expect(Object.keys(document)).toEqual(['tool', 'platform', 'current', 'target', 'findings', 'summary']);
    expect(Object.keys(document.findings[0])).toEqual(['id', 'severity', 'message', 'resource', 'origin', 'details']);
    expect(Object.keys(document.findings[0].resource)).toEqual(['apiVersion', 'kind', 'namespace', 'name']);
    expect(Object.keys(document.summary)).toEqual(['error', 'warning', 'info']);
    expect(document.findings[0].origin).toEqual({ type: 'file', path: 'a.yaml', line: 2, column: 1 });
  });

  it('prints an unknown current version as null and an empty report with an empty list', () => {
    const report = sampleReport({ current: undefined, findings: [], summary: { error: 0, warning: 0, info: 0 } });
    expect(json(report, {})).toBe(`{
  "tool": {
    "name": "upshift",
    "version": "0.1.0"
  },
  "platform": "eks",
  "current": null,
  "target": "1.34",
  "findings": [],
  "summary": {
    "error": 0,
    "warning": 0,
    "info": 0
  }
}
`);
  });

  it('prints every origin of a type with its keys in one order, and additions after the fields of CLI.md', () => {
    const apiRemoved = { id: 'api-removed', severity: 'error' as const, message: 'removed' };
    const report = sampleReport({
      currentFrom: { environment: 'prod', origin: { type: 'terraform', env: 'prod', line: 3, path: '/repo/main.tf' } },
      notes: ['staging runs 1.27'],
      findings: [
        { ...apiRemoved, origin: { type: 'terraform', path: '/repo/a.tf', line: 2, env: 'prod', address: 'kubernetes_ingress.web' } },
        { ...apiRemoved, origin: { type: 'terraform', path: '/repo/b.tf', line: 5, address: 'kubernetes_ingress.api', env: 'dev' } },
        { ...apiRemoved, origin: { env: 'dev', chart: 'charts/web', column: 1, line: 4, path: '/repo/c.yaml', type: 'file' } },
        { ...apiRemoved, origin: { chart: 'web-1.0.0', revision: 2, namespace: 'shop', release: 'web', type: 'helm-release' } },
      ],
      summary: { error: 4, warning: 0, info: 0 },
    });
    const document = JSON.parse(json(report, { cwd: '/repo' }));
    expect(Object.keys(document)).toEqual(['tool', 'platform', 'current', 'target', 'findings', 'summary', 'currentFrom', 'notes']);
    expect(document.findings.map((finding: { origin: object }) => Object.keys(finding.origin))).toEqual([
      ['type', 'path', 'line', 'column', 'chart', 'env'],
      ['type', 'path', 'line', 'address', 'env'],
      ['type', 'path', 'line', 'address', 'env'],
      ['type', 'release', 'namespace', 'revision', 'chart'],
    ]);
    expect(Object.keys(document.currentFrom.origin)).toEqual(['type', 'path', 'line', 'env']);
    expect(document.currentFrom.origin.path).toBe('main.tf');
  });
});
