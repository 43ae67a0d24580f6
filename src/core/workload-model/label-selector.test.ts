import { describe, expect, it } from 'vitest';
import { isEmptySelector, matchesLabels, readSelector } from './label-selector.js';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' };

  it('matches matchLabels and every matchExpressions operator', () => {
    const select = (selector: unknown) => matchesLabels(readSelector(selector)!, labels);
    expect(select({ matchLabels: { app: 'web' } })).toBe(true);
    expect(select({ matchLabels: { app: 'web', tier: 'back' } })).toBe(false);
    expect(select({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }] })).toBe(true);
    expect(select({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] })).toBe(false);
    expect(select({ matchExpressions: [{ key: 'canary', operator: 'NotIn', values: ['true'] }] })).toBe(true);
    expect(select({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })).toBe(true);
    expect(select({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] })).toBe(false);
    expect(select({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] })).toBe(false);
  });

  it('reads an empty selector as empty, and a missing one as none', () => {
    expect(isEmptySelector(readSelector({})!)).toBe(true);
    expect(matchesLabels(readSelector({})!, labels)).toBe(true);
    expect(readSelector(undefined)).toBeUndefined();
    expect(readSelector({ matchLabels: { replicas: 3 } })).toEqual({ matchLabels: { replicas: '3' }, matchExpressions: [] });
  });
});
