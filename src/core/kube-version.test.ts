import { describe, expect, it } from 'vitest';
import { compareKubeVersions, hopInto, listHops, minorOf, parseKubeVersion, requireKubeVersion } from './kube-version.js';

describe('parseKubeVersion', () => {
  it.each([
    ['1.29', { major: 1, minor: 29 }],
    ['v1.29', { major: 1, minor: 29 }],
    ['v1.29.3', { major: 1, minor: 29, patch: 3 }],
    ['1.29.3', { major: 1, minor: 29, patch: 3 }],
    ['v1.29.3-eks-1a2b3c', { major: 1, minor: 29, patch: 3 }],
    ['v1.28.5-eks-5e0fdde', { major: 1, minor: 28, patch: 5 }],
    ['v1.30.1+k3s1', { major: 1, minor: 30, patch: 1 }],
    ['1.34.x', { major: 1, minor: 34 }],
    [' 1.31 ', { major: 1, minor: 31 }],
  ])('parses %s', (text, expected) => {
    expect(parseKubeVersion(text)).toEqual(expected);
  });

  it.each(['', '1', 'latest', 'v1.x', '1.29.3.4.5a', 'one.two'])('rejects %j', (text) => {
    expect(parseKubeVersion(text)).toBeUndefined();
  });

  it('explains a bad version to the user', () => {
    expect(() => requireKubeVersion('latest', '--target')).toThrow(
      '--target "latest" is not a Kubernetes version; expected a form like 1.31, v1.31 or 1.31.2',
    );
  });
});

describe('compareKubeVersions', () => {
  it('orders minors numerically, not as text', () => {
    expect(compareKubeVersions('1.9', '1.10')).toBeLessThan(0);
    expect(compareKubeVersions('v1.30.0', '1.29.9')).toBeGreaterThan(0);
    expect(compareKubeVersions('1.29', 'v1.29.3-eks-1a2b3c')).toBe(0);
    expect(compareKubeVersions('1.29.2', '1.29.10')).toBeLessThan(0);
  });
});

describe('listHops', () => {
  it('lists every minor hop between two versions', () => {
    expect(listHops('1.28', '1.31')).toEqual([
      { from: '1.28', to: '1.29' },
      { from: '1.29', to: '1.30' },
      { from: '1.30', to: '1.31' },
    ]);
  });

  it('is empty for the same minor and for patch releases', () => {
    expect(listHops('1.30', 'v1.30.4')).toEqual([]);
  });

  it('names the hop into a version and its minor', () => {
    expect(hopInto('1.22')).toBe('1.21→1.22');
    expect(minorOf('v1.29.3-eks-1a2b3c')).toBe('1.29');
  });
});
