// Third-party charts recorded for the add-on checks: Chart.yaml dependencies, Helmfile
// releases and Argo CD Application sources.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { argoApplicationReferences, helmfileReferences } from '../src/sources/chart-references.js';
import { readManifestFile } from '../src/sources/manifest-file.js';
import { scanChart } from '../src/sources/helm-chart.js';
import { loadKnowledge } from '../src/knowledge/load.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('chart references', () => {
  it('reads Helmfile releases with their repositories', () => {
    expect(helmfileReferences(`${ROOT}test/fixtures/addons/helmfile.yaml`, ROOT)).toEqual([
      { chart: 'cert-manager', version: 'v1.11.0', versionSite: { path: 'test/fixtures/addons/helmfile.yaml', line: 11, value: 'v1.11.0' }, repository: 'https://charts.jetstack.io', release: 'cert-manager', origin: { type: 'file', path: 'test/fixtures/addons/helmfile.yaml', line: 8, column: 1 } },
      { chart: 'cluster-autoscaler', version: '9.29.0', versionSite: { path: 'test/fixtures/addons/helmfile.yaml', line: 15, value: '9.29.0' }, repository: 'https://kubernetes.github.io/autoscaler', release: 'cluster-autoscaler', origin: { type: 'file', path: 'test/fixtures/addons/helmfile.yaml', line: 12, column: 1 } },
    ]);
  });

  it('reads the chart sources of Argo CD Applications', () => {
    const { resources } = readManifestFile(`${ROOT}test/fixtures/addons/argo-apps.yaml`, { cwd: ROOT, objectKinds: new Set(['Application']) });
    // targetRevision is located so that a plan can edit it there.
    expect(resources.flatMap((resource) => argoApplicationReferences(resource, ROOT)).map(({ origin, ...rest }) => ({ ...rest, line: origin.type === 'file' ? origin.line : 0 }))).toEqual([
      { chart: 'ingress-nginx', version: '4.7.1', versionSite: { path: 'test/fixtures/addons/argo-apps.yaml', line: 11, value: '4.7.1' }, repository: 'https://kubernetes.github.io/ingress-nginx', release: 'ingress', line: 1 },
      { chart: 'redis', version: '17.11.3', versionSite: { path: 'test/fixtures/addons/argo-apps.yaml', line: 29, value: '17.11.3' }, repository: 'https://charts.bitnami.com/bitnami', release: 'storefront', line: 18 },
    ]);
  });

  it('reads Chart.yaml dependencies, also of vendored subcharts', async () => {
    const scan = await scanChart(`${ROOT}examples/estate/charts/acme-service`, { cwd: ROOT, knowledge: loadKnowledge(), target: '1.33', userValues: {}, objectKinds: new Set() });
    expect(scan.charts).toEqual([
      { chart: 'redis', version: '17.11.3', versionSite: { path: 'examples/estate/charts/acme-service/Chart.yaml', line: 15, value: '17.11.3' }, repository: 'https://charts.bitnami.com/bitnami', origin: { type: 'file', path: 'examples/estate/charts/acme-service/Chart.yaml', line: 14, column: 1 } },
    ]);
  });
});
