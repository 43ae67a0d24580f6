import { describe, expect, it } from 'vitest';
import { describeResource, resourceRef } from './describe.js';
import type { Resource } from './types.js';

const origin = { type: 'file' as const, path: 'app.yaml', line: 1, column: 1 };

describe('resourceRef', () => {
  const apps = { apiVersion: 'apps/v1', kind: 'Deployment' };
  it.each<[Pick<Resource, 'namespace' | 'name'>, object]>([
    [{ namespace: 'shop', name: 'web' }, { ...apps, namespace: 'shop', name: 'web' }],
    [{ name: 'admin' }, { ...apps, name: 'admin' }],
    [{ namespace: 'shop' }, { ...apps, namespace: 'shop' }],
    [{}, apps],
    // An empty namespace is no namespace, as the API server treats it.
    [{ namespace: '', name: 'web' }, { ...apps, name: 'web' }],
  ])('names %j with the fields it has, in the order reports print them', (fields, expected) => {
    const ref = resourceRef({ ...apps, origin, ...fields });
    expect(ref).toEqual(expected);
    expect(Object.keys(ref)).toEqual(Object.keys(expected));
  });

  it('gives every finding about one resource the same reference', () => {
    const resource: Resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', origin };
    expect(resourceRef(resource)).toBe(resourceRef(resource));
    expect(resourceRef({ ...resource })).not.toBe(resourceRef(resource));
  });
});

describe('describeResource', () => {
  it.each([
    [{ kind: 'Ingress', namespace: 'shop', name: 'web' }, 'Ingress shop/web'],
    [{ kind: 'ClusterRole', name: 'admin' }, 'ClusterRole admin'],
    [{ kind: 'Deployment' }, 'Deployment (unnamed)'],
  ])('describes %j as %s', (resource, text) => {
    expect(describeResource(resource)).toBe(text);
  });
});
