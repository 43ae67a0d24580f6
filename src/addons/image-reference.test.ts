import { describe, expect, it } from 'vitest';
import { parseImageReference, versionFromTag } from './image-reference.js';

describe('image references', () => {
  it.each([
    ['registry.k8s.io/autoscaling/cluster-autoscaler:v1.26.4', { repository: 'registry.k8s.io/autoscaling/cluster-autoscaler', tag: 'v1.26.4' }],
    ['localhost:5000/team/app', { repository: 'localhost:5000/team/app' }],
    ['registry.k8s.io/ingress-nginx/controller:v1.8.1@sha256:e5c4', { repository: 'registry.k8s.io/ingress-nginx/controller', tag: 'v1.8.1' }],
    ['quay.io/jetstack/cert-manager-controller@sha256:abcd', { repository: 'quay.io/jetstack/cert-manager-controller' }],
  ])('splits %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });

  it('reads versions from tags, not from words', () => {
    expect(versionFromTag('v1.26.4')).toBe('1.26.4');
    expect(versionFromTag('0.7.6-debian-10-r12')).toBe('0.7.6-debian-10-r12');
    expect(versionFromTag('v1.28.1-minimal-eksbuild.1')).toBe('1.28.1-minimal-eksbuild.1');
    expect(versionFromTag('latest')).toBeUndefined();
    expect(versionFromTag(undefined)).toBeUndefined();
  });
});
