import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { sampleFindings } from './fixtures/sample-report.js';
import { sortFindings, summarize } from './order.js';

function finding(overrides: Partial<Finding>): Finding {
  return { id: 'api-removed', severity: 'error', message: 'm', ...overrides };
}

describe('sortFindings', () => {
  it('orders by severity, then origin, then id', () => {
    expect(sortFindings(sampleFindings).map((f) => f.id)).toEqual([
      'api-removed',
      'pdb-blocks-eviction',
      'support-ending',
      'api-deprecated',
      'recreate-strategy',
    ]);
  });

  it('gives the same order whatever the input order', () => {
    const expected = sortFindings(sampleFindings);
    expect(sortFindings([...sampleFindings].reverse())).toEqual(expected);
    expect(sortFindings([sampleFindings[2], sampleFindings[4], sampleFindings[0], sampleFindings[3], sampleFindings[1]])).toEqual(expected);
  });

  it('puts findings without origin first, then file, terraform, helm-release, cluster, eks', () => {
    const findings = [
      finding({ id: 'eks', origin: { type: 'eks', cluster: 'prod' } }),
      finding({ id: 'cluster', origin: { type: 'cluster', context: 'prod' } }),
      finding({ id: 'helm', origin: { type: 'helm-release', release: 'web', namespace: 'shop' } }),
      finding({ id: 'terraform', origin: { type: 'terraform', path: 'main.tf', line: 3 } }),
      finding({ id: 'file', origin: { type: 'file', path: 'a.yaml', line: 1, column: 1 } }),
      finding({ id: 'none' }),
    ];
    expect(sortFindings(findings).map((f) => f.id)).toEqual(['none', 'file', 'terraform', 'helm', 'cluster', 'eks']);
  });

  it('orders file origins by path, then line, then column', () => {
    const at = (path: string, line: number, column: number) =>
      finding({ message: `${path}:${line}:${column}`, origin: { type: 'file', path, line, column } });
    const findings = [at('b.yaml', 1, 1), at('a.yaml', 10, 1), at('a.yaml', 2, 5), at('a.yaml', 2, 1)];
    expect(sortFindings(findings).map((f) => f.message)).toEqual(['a.yaml:2:1', 'a.yaml:2:5', 'a.yaml:10:1', 'b.yaml:1:1']);
  });

  it('breaks ties on the same origin by id, then kind/namespace/name, then message', () => {
    const origin = { type: 'cluster', context: 'prod' } as const;
    const findings = [
      finding({ id: 'b', message: 'z', origin }),
      finding({ id: 'a', message: '3', origin, resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'b', name: 'x' } }),
      finding({ id: 'a', message: '2', origin, resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'y' } }),
      finding({ id: 'a', message: '1', origin, resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'x' } }),
      finding({ id: 'a', message: '0', origin, resource: { apiVersion: 'v1', kind: 'Ingress', namespace: 'z', name: 'z' } }),
      finding({ id: 'a', message: 'b', origin }),
      finding({ id: 'a', message: 'a', origin }),
    ];
    expect(sortFindings(findings).map((f) => `${f.id} ${f.message}`)).toEqual(['a a', 'a b', 'a 0', 'a 1', 'a 2', 'a 3', 'b z']);
  });

  it('does not reorder its argument', () => {
    const findings = [...sampleFindings];
    sortFindings(findings);
    expect(findings).toEqual(sampleFindings);
  });
});

describe('summarize', () => {
  it('counts every severity, zero included', () => {
    expect(summarize(sampleFindings)).toEqual({ error: 2, warning: 2, info: 1 });
    expect(summarize([])).toEqual({ error: 0, warning: 0, info: 0 });
  });
});
