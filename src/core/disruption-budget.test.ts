import { describe, expect, it } from 'vitest';
import { allowedDisruptions, desiredHealthy, describeBudget } from './disruption-budget.js';

describe('PDB arithmetic', () => {
  it('rounds percentages up, as the disruption controller does', () => {
    expect(allowedDisruptions({ maxUnavailable: '10%' }, 3)).toBe(1);
    expect(allowedDisruptions({ maxUnavailable: '0%' }, 3)).toBe(0);
    expect(allowedDisruptions({ minAvailable: '50%' }, 3)).toBe(1);
    expect(allowedDisruptions({ minAvailable: '100%' }, 3)).toBe(0);
  });

  it('counts minAvailable and maxUnavailable, defaulting to minAvailable 1', () => {
    expect(desiredHealthy({ minAvailable: 2 }, 2)).toBe(2);
    expect(desiredHealthy({ maxUnavailable: 1 }, 3)).toBe(2);
    expect(desiredHealthy({}, 4)).toBe(1);
    expect(desiredHealthy({ minAvailable: 'two' }, 4)).toBeUndefined();
    expect(describeBudget({})).toBe('minAvailable 1 (the default)');
    expect(describeBudget({ maxUnavailable: '0%' })).toBe('maxUnavailable 0%');
  });
});
