import { describe, expect, it } from 'vitest';
import { isJsonExact } from './json-exact.js';

describe('isJsonExact', () => {
  it('accepts what JSON gives back equal: text, booleans, null, finite numbers, arrays and plain objects', () => {
    const value = { a: 'x', b: [1, 2.5, -3, true, false, null, { c: 'd' }], e: {}, f: [], '': 'empty key', '1': 'integer key' };
    expect(isJsonExact(value)).toBe(true);
    expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
    expect(isJsonExact(Object.assign(Object.create(null) as object, { a: 1 }))).toBe(true);
  });

  it.each([
    ['NaN', { a: Number.NaN }],
    ['Infinity', { a: [Number.POSITIVE_INFINITY] }],
    ['-Infinity', [Number.NEGATIVE_INFINITY]],
    ['-0', { a: -0 }],
    ['an undefined property', { a: undefined }],
    ['an undefined item', [undefined]],
    ['a hole', [1, , 3]],
    ['a Date', { a: new Date(0) }],
    ['a Map', { a: new Map() }],
    ['a class instance', { a: new (class Point {})() }],
    ['a function', { a: () => 1 }],
    ['a bigint', { a: 1n }],
  ])('refuses %s, which JSON would change', (_name, value) => {
    expect(isJsonExact(value)).toBe(false);
    expect(JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? 1 : item)))).not.toStrictEqual(value);
  });

  it('refuses a cycle (as YAML aliases can make) and nesting past 256 levels, without overflowing the stack', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(isJsonExact(cycle)).toBe(false);
    let deep: unknown = 'leaf';
    for (let level = 0; level < 256; level++) deep = [deep];
    expect(isJsonExact(deep)).toBe(true);
    expect(isJsonExact([deep])).toBe(false);
  });
});
