import { describe, expect, it } from 'vitest';
import { goToolEnvironment } from './go-tool-environment.js';

describe('goToolEnvironment', () => {
  it('adds GOGC=400 to the environment, keeping every other variable', () => {
    expect(goToolEnvironment({ PATH: '/usr/bin', HOME: '/home/sre' })).toEqual({ PATH: '/usr/bin', HOME: '/home/sre', GOGC: '400' });
  });

  it("keeps the user's GOGC, and takes an empty one as unset (as Go does)", () => {
    const tuned = { PATH: '/usr/bin', GOGC: 'off', GOMEMLIMIT: '1GiB' };
    expect(goToolEnvironment(tuned)).toBe(tuned);
    expect(goToolEnvironment({ GOGC: '' })).toEqual({ GOGC: '400' });
  });

  it('leaves the environment it is given as it was', () => {
    const env = { PATH: '/usr/bin' };
    goToolEnvironment(env);
    expect(env).toEqual({ PATH: '/usr/bin' });
  });
});
