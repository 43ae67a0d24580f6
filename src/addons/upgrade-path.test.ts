import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load.js';
import type { AddonDefinition } from '../knowledge/addon-schema.js';
import { addonUpgradePath, newestRelease } from './upgrade-path.js';

const knowledge = loadKnowledge();
const addon = (name: string) => knowledge.addons.get(name)!;
const path = (name: string, from: string, to: string) => addonUpgradePath(addon(name), from, to).map((step) => [step.version, step.chart, step.migration ? 'migration' : '']);

describe('add-on upgrade paths from the bundled knowledge', () => {
  it('moves cert-manager one minor per step, each with its exact chart', () => {
    expect(path('cert-manager', 'v1.11.0', '1.16.x')).toEqual([
      ['v1.12.17', 'v1.12.17', ''],
      ['v1.13.6', 'v1.13.6', ''],
      ['v1.14.7', 'v1.14.7', ''],
      ['v1.15.5', 'v1.15.5', ''],
      ['v1.16.5', 'v1.16.5', ''],
    ]);
  });

  it('moves Istio in place one minor at a time', () => {
    expect(path('istio', '1.17.2', '1.24.x').map(([version]) => version)).toEqual(['1.18.7', '1.19.10', '1.20.8', '1.21.6', '1.22.8', '1.23.6', '1.24.6']);
  });

  it('takes Karpenter 0.31 to 1.x through the v1beta1 release, a v1-compatible 0.37 patch and 1.0', () => {
    expect(path('karpenter', 'v0.31.0', '1.14.x')).toEqual([
      ['v0.32.10', 'v0.32.10', 'migration'],
      ['v0.37.8', '0.37.8', 'migration'],
      ['v1.0.14', '1.0.14', 'migration'],
      ['v1.14.1', '1.14.1', ''],
    ]);
    // From a 0.35 release: its own latest patch first, as the v1 migration guide asks.
    expect(path('karpenter', '0.35.2', '1.2.x').map(([version]) => version)).toEqual(['v0.35.12', 'v1.0.14', 'v1.2.8']);
  });

  it('names the chart that ships each cluster-autoscaler minor', () => {
    expect(newestRelease(addon('cluster-autoscaler'), '1.29')).toEqual({ version: '1.29.0', chart: '9.36.0' });
    expect(newestRelease(addon('cluster-autoscaler'), '1.25')).toEqual({ version: '1.25.0' });
  });

  it('goes straight to the wanted release where the project sets no limit, and to an exact wanted patch', () => {
    expect(path('ingress-nginx', '1.8.1', '1.12.x')).toEqual([['1.12.8', '4.12.8', '']]);
    expect(path('cert-manager', 'v1.15.1', 'v1.16.2')).toEqual([['v1.16.2', 'v1.16.2', '']]);
    expect(path('cert-manager', 'v1.16.1', '1.16.x')).toEqual([]);
  });

  it('ends at the first release of a line no chart row names', () => {
    const bare: AddonDefinition = { name: 'example', upgradePath: { maxMinorsPerStep: 2, source: 'https://example.com/upgrade' } };
    expect(addonUpgradePath(bare, '2.1.0', '2.6.x')).toEqual([{ version: '2.3.0' }, { version: '2.5.0' }, { version: '2.6.0' }]);
  });
});

describe('the bundled upgrade rules', () => {
  const NAMES = ['cert-manager', 'istio', 'karpenter', 'ingress-nginx', 'argo-cd', 'external-dns', 'metrics-server', 'aws-load-balancer-controller', 'cluster-autoscaler'];

  it('cover the nine chart-installed add-ons, each with a source and a chart for every app minor it names', () => {
    for (const name of NAMES) {
      const definition = addon(name);
      expect(definition.upgradePath?.source, name).toMatch(/^https:\/\//);
      expect(definition.chartReleases?.length, name).toBeGreaterThan(3);
      expect(definition.chartRepositories?.length, name).toBeGreaterThan(0);
      const minors = definition.chartReleases!.map((row) => row.app.replace(/^v/, '').split('.').slice(0, 2).join('.'));
      expect(new Set(minors).size, `${name}: one row per app minor`).toBe(minors.length);
    }
  });

  it('say which chart ships each cluster-autoscaler minor the knowledge base lists, 1.25 excepted (no chart shipped it)', () => {
    const minors = addon('cluster-autoscaler').chartReleases!.map((row) => row.app.split('.').slice(0, 2).join('.'));
    expect(minors).toEqual(['1.24', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
  });
});
