import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  it('reads binary and decimal suffixes, fractions and exponents as the API server does', () => {
    expect(parseQuantity('512Mi')).toBe(512 * 2 ** 20);
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('1.5G')).toBe(1.5e9);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity(2048)).toBe(2048);
  });

  it('is undefined for anything else', () => {
    expect(parseQuantity('2 Gi')).toBeUndefined();
    expect(parseQuantity('2GB')).toBeUndefined();
    expect(parseQuantity('')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });
});
