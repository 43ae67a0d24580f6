import { displayPath } from '../core/display-path.js';
import { describe, expect, it } from 'vitest';
import { countsLabel, detailsLabel, locationLabel, resourceLabel, versionsLabel } from './labels.js';
import { sampleReport } from './fixtures/sample-report.js';

describe('displayPath', () => {
  it('makes absolute paths under cwd relative, keeps others absolute and leaves relative ones alone', () => {
    expect(displayPath('/repo/apps/web.yaml', '/repo')).toBe('apps/web.yaml');
    expect(displayPath('/elsewhere/web.yaml', '/repo')).toBe('/elsewhere/web.yaml');
    expect(displayPath('/repository/web.yaml', '/repo')).toBe('/repository/web.yaml');
    expect(displayPath('apps/web.yaml', '/repo')).toBe('apps/web.yaml');
    expect(displayPath('/repo/apps/web.yaml', undefined)).toBe('/repo/apps/web.yaml');
  });
});

describe('resourceLabel', () => {
  it('reads kind, then namespace/name as far as they are known', () => {
    expect(resourceLabel({ apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' })).toBe('Service shop/web');
    expect(resourceLabel({ apiVersion: 'v1', kind: 'Namespace', name: 'shop' })).toBe('Namespace shop');
    expect(resourceLabel({ apiVersion: 'v1', kind: 'List' })).toBe('List (unnamed)');
    expect(resourceLabel(undefined)).toBe('');
  });
});

describe('locationLabel', () => {
  it('names each kind of origin', () => {
    expect(locationLabel({ type: 'file', path: '/repo/a.yaml', line: 3, column: 1 }, '/repo')).toBe('a.yaml:3');
    expect(locationLabel({ type: 'terraform', path: 'infra/main.tf', line: 40 }, undefined)).toBe('infra/main.tf:40');
    expect(locationLabel({ type: 'terraform', path: 'infra/addons.tf', line: 29, address: 'aws_eks_addon.kube_proxy', env: 'staging' }, undefined)).toBe('infra/addons.tf:29 (staging)');
    expect(locationLabel({ type: 'helm-release', release: 'web', namespace: 'shop' }, undefined)).toBe('helm-release shop/web');
    expect(locationLabel({ type: 'cluster', context: 'prod' }, undefined)).toBe('cluster prod');
    expect(locationLabel({ type: 'cluster' }, undefined)).toBe('cluster');
    expect(locationLabel({ type: 'eks', cluster: 'prod', region: 'eu-west-1' }, undefined)).toBe('eks prod');
    expect(locationLabel(undefined, undefined)).toBe('');
  });
});

describe('detailsLabel', () => {
  it('prints key=value pairs in order, quoting values that would not read as one token', () => {
    expect(
      detailsLabel({
        removedIn: '1.22',
        hop: '1.21→1.22',
        reason: 'two words',
        empty: '',
        count: 3,
        low: false,
        none: null,
        skipped: undefined,
        versions: ['1.29', '1.30'],
      }),
    ).toBe('removedIn=1.22 hop=1.21→1.22 reason="two words" empty="" count=3 low=false none=null versions=["1.29","1.30"]');
    expect(detailsLabel(undefined)).toBe('');
  });
});

describe('countsLabel and versionsLabel', () => {
  it('pluralizes errors and warnings', () => {
    expect(countsLabel({ error: 1, warning: 0, info: 2 })).toBe('1 error, 0 warnings, 2 info');
    expect(countsLabel({ error: 3, warning: 1, info: 1 })).toBe('3 errors, 1 warning, 1 info');
  });

  it('leaves out an unknown current version', () => {
    expect(versionsLabel(sampleReport())).toBe('eks 1.28 → 1.34');
    expect(versionsLabel(sampleReport({ current: undefined }))).toBe('eks → 1.34');
  });
});
