import { describe, expect, it } from 'vitest';
import { containersOf, imagesOf, podTemplateOf } from './pod-template.js';

const spec = { initContainers: [{ name: 'init', image: 'busybox:1.36' }], containers: [{ name: 'app', image: 'nginx:1.27' }, 'not a container'] };

describe('podTemplateOf', () => {
  it('reads a Pod, a controller and a CronJob alike', () => {
    expect(podTemplateOf({ kind: 'Pod', metadata: { labels: { app: 'a' } }, spec })).toEqual({ metadata: { labels: { app: 'a' } }, spec });
    expect(podTemplateOf({ kind: 'Deployment', spec: { template: { metadata: { labels: { app: 'b' } }, spec } } })).toEqual({ metadata: { labels: { app: 'b' } }, spec });
    expect(podTemplateOf({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec } } } } })).toEqual({ metadata: {}, spec });
  });

  it('reads a custom controller laid out as a Deployment', () => {
    expect(podTemplateOf({ kind: 'Rollout', spec: { template: { spec } } })?.spec).toBe(spec);
  });

  it('answers undefined where there is no pod spec', () => {
    expect(podTemplateOf({ kind: 'Deployment', spec: { template: { metadata: {} } } })).toBeUndefined();
    expect(podTemplateOf({ kind: 'CronJob', spec: { template: { spec } } })).toBeUndefined();
    expect(podTemplateOf({ kind: 'ConfigMap', data: {} })).toBeUndefined();
  });
});

describe('containers and images', () => {
  it('lists running containers, and images of init containers too', () => {
    expect(containersOf(spec)).toEqual([{ name: 'app', image: 'nginx:1.27' }]);
    expect(imagesOf(spec)).toEqual(['busybox:1.36', 'nginx:1.27']);
  });
});
