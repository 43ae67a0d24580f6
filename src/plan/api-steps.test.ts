import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { allMigrations, placeMigrations } from './api-steps.js';

const origin = (line: number) => ({ type: 'file' as const, path: 'apps/docs.yaml', line, column: 1 });
const docs = { apiVersion: 'extensions/v1beta1', kind: 'Deployment', namespace: 'web', name: 'docs' };
const findings: Finding[] = [
  { id: 'api-removed', severity: 'error', message: 'removed', resource: docs, origin: origin(2), details: { replacement: 'apps/v1', hop: '1.28→1.29' } },
  {
    id: 'field-removed',
    severity: 'error',
    message: 'gitRepo',
    resource: docs,
    origin: origin(2),
    details: { field: 'gitrepo-volume', label: 'the in-tree gitRepo volume', replacement: 'an emptyDir filled by git clone', hop: '1.32→1.33' },
  },
  { id: 'field-deprecated', severity: 'warning', message: 'externalIPs', resource: { apiVersion: 'v1', kind: 'Service', name: 'docs' }, origin: origin(40), details: { field: 'service-external-ips' } },
];

describe('API and field migrations in a plan', () => {
  it('places a removed field before the hop that turns it off, apart from the object\'s API move', () => {
    const hops = ['1.28→1.29', '1.29→1.30', '1.30→1.31', '1.31→1.32', '1.32→1.33'];
    expect(placeMigrations(findings, hops)).toEqual([
      { hop: '1.28→1.29', phase: 'before', items: ['Deployment web/docs: extensions/v1beta1 → apps/v1 (apps/docs.yaml:2)'], oldApiGone: false, hasApis: true, hasFields: false },
      { hop: '1.32→1.33', phase: 'before', items: ['Deployment web/docs: the in-tree gitRepo volume → an emptyDir filled by git clone (apps/docs.yaml:2)'], oldApiGone: false, hasApis: false, hasFields: true },
    ]);
  });

  it('lists both changes of one object for a cluster built at the target, and no deprecated field', () => {
    expect(allMigrations(findings)).toEqual([
      'Deployment web/docs: extensions/v1beta1 → apps/v1 (apps/docs.yaml:2)',
      'Deployment web/docs: the in-tree gitRepo volume → an emptyDir filled by git clone (apps/docs.yaml:2)',
    ]);
  });
});
