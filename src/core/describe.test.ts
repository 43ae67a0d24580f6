import { describe, expect, it } from 'vitest';
import { describeResource, resourceRef } from './describe.js';
import type { Resource } from './types.js';

const origin = { type: 'file' as const, path: 'app.yaml', line: 1, column: 1 };

describe('resourceRef', () => {
  it.each([
    [{ namespace: 'shop', name: 'web' }, ['apiVersion', 'kind', 'namespace', 'name']],
    [{ name: 'admin' }, ['apiVersion', 'kind', 'name']],
    [{ namespace: 'shop' }, ['apiVersion', 'kind', 'namespace']],
    [{}, ['apiVersion', 'kind']],
    // An empty namespace is no namespace, as the API server treats it.
    [{ namespace: '', name: 'web' }, ['apiVersion', 'kind', 'name']],
  ])('names %j with the fields it has, in the order reports print them', (fields, keys) => {
    const ref = resourceRef({ apiVersion: 'apps/v1', kind: 'Deployment', origin, ...fields });
    expect(Object.keys(ref)).toEqual(keys);
    expect(ref).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', ...(fields.namespace ? { namespace: fields.namespace } : {}), ...(fields.name ? { name: fields.name } : {}) });
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
