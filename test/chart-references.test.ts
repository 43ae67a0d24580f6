// Third-party charts recorded for the add-on checks: Chart.yaml dependencies, Helmfile
// releases, Argo CD Application sources and Flux HelmReleases.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { argoApplicationReferences, helmfileReferences } from '../src/sources/chart-references.js';
import { FLUX_KINDS, fluxCharts, isFluxObject } from '../src/sources/flux-releases.js';
import { argoApplicationSetReferences } from '../src/sources/argo-application-sets.js';
import { readManifestText } from '../src/sources/manifest-text.js';
import { globSync } from 'tinyglobby';
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
      { chart: 'ingress-nginx', version: '4.7.1', versionSite: { path: 'test/fixtures/addons/argo-apps.yaml', line: 11, value: '4.7.1' }, repository: 'https://kubernetes.github.io/ingress-nginx', release: 'ingress', namespace: 'ingress-nginx', syncedBy: { tool: 'argo-cd', name: 'ingress-nginx', namespace: 'argocd' }, line: 1 },
      { chart: 'redis', version: '17.11.3', versionSite: { path: 'test/fixtures/addons/argo-apps.yaml', line: 29, value: '17.11.3' }, repository: 'https://charts.bitnami.com/bitnami', release: 'storefront', syncedBy: { tool: 'argo-cd', name: 'storefront', namespace: 'argocd' }, line: 18 },
    ]);
  });

  it('reads the charts of Argo CD ApplicationSets, once per parameter set of their generators, where each version is written', () => {
    const FILE = 'test/fixtures/addons/argo-appsets.yaml';
    const { resources } = readManifestFile(`${ROOT}${FILE}`, { cwd: ROOT, objectKinds: new Set(['ApplicationSet']) });
    const site = (line: number, value: string) => ({ path: FILE, line, value });
    // The ApplicationSet, and the name its template gives an Application, with what each cluster fills in left as written.
    const generating = (name: string, generates: string) => ({ tool: 'argo-cd', name, namespace: 'argocd', generates });
    const certs = generating('addons-cert-manager', 'addon-{{name}}-cert-manager');
    const ingress = generating('addons-ingress-nginx', 'addon-{{name}}-ingress-nginx');
    expect(resources.flatMap((resource) => argoApplicationSetReferences(resource, ROOT)).map(({ origin, ...rest }) => ({ ...rest, line: origin.type === 'file' ? origin.line : 0 }))).toEqual([
      // The default for every cluster, then staging's own version; prod repeats the default, at its own line.
      { chart: 'cert-manager', version: 'v1.12.4', versionSite: site(15, 'v1.12.4'), repository: 'https://charts.jetstack.io', release: 'cert-manager', syncedBy: certs, line: 2 },
      { chart: 'cert-manager', version: 'v1.14.7', versionSite: site(27, 'v1.14.7'), repository: 'https://charts.jetstack.io', release: 'cert-manager', env: 'staging', syncedBy: certs, line: 2 },
      { chart: 'cert-manager', version: 'v1.12.4', versionSite: site(33, 'v1.12.4'), repository: 'https://charts.jetstack.io', release: 'cert-manager', env: 'prod', syncedBy: certs, line: 2 },
      { chart: 'cluster-autoscaler', version: '9.28.0', versionSite: site(64, '9.28.0'), repository: 'https://kubernetes.github.io/autoscaler', syncedBy: generating('autoscalers', 'autoscaler-blue'), line: 53 },
      { chart: 'cluster-autoscaler', version: '9.37.0', versionSite: site(66, '9.37.0'), repository: 'https://kubernetes.github.io/autoscaler', syncedBy: generating('autoscalers', 'autoscaler-green'), line: 53 },
      { chart: 'karpenter', version: '1.0.6', versionSite: site(98, '1.0.6'), repository: 'oci://public.ecr.aws/karpenter', syncedBy: generating('karpenter', 'karpenter-{{cluster.name}}'), line: 79 },
      // metrics-server: its version is in the files the git generator reads, so it stays a template.
      { chart: 'metrics-server', version: '{{metricsServer.version}}', repository: 'https://kubernetes-sigs.github.io/metrics-server', syncedBy: generating('metrics-server', 'metrics-server-{{cluster.name}}'), line: 104 },
      { chart: 'ingress-nginx', version: '4.12.1', versionSite: site(141, '4.12.1'), repository: 'https://kubernetes.github.io/ingress-nginx', syncedBy: ingress, line: 129 },
      { chart: 'ingress-nginx', version: '4.12.1', versionSite: site(147, '4.12.1'), repository: 'https://kubernetes.github.io/ingress-nginx', env: 'prod', syncedBy: ingress, line: 129 },
    ]);
  });

  it('reads the charts of Flux HelmReleases, from a HelmRepository or an OCIRepository, wherever the source is', () => {
    const files = globSync('test/fixtures/flux/**/*.yaml', { cwd: ROOT }).sort();
    const objects = files.flatMap((file) => readManifestFile(`${ROOT}${file}`, { cwd: ROOT, objectKinds: new Set(FLUX_KINDS) }).resources).filter(isFluxObject);
    // other/release.yaml's HelmRelease is another project's kind.
    expect(objects.map((object) => `${object.kind} ${object.name}`)).toEqual([
      'HelmRepository podinfo',
      'HelmRelease web',
      'Kustomization web',
      'HelmRelease cert-manager',
      'HelmRelease cluster-autoscaler',
      'HelmRelease ingress-nginx',
      'OCIRepository karpenter',
      'HelmRelease karpenter',
      'HelmRepository jetstack',
      'HelmRepository autoscaler',
      'HelmRepository ingress-nginx',
    ]);
    const at = (file: string, line: number) => ({ type: 'file', path: `test/fixtures/flux/${file}`, line, column: 1 });
    expect(fluxCharts(objects, ROOT).references).toEqual([
      // No namespace on either: the repository of the same name beside it; the namespace the Flux
      // Kustomization applying ./apps/web targets.
      { chart: 'podinfo', version: '6.7.1', versionSite: { path: 'test/fixtures/flux/apps/web/release.yaml', line: 19, value: '6.7.1' }, repository: 'https://stefanprodan.github.io/podinfo', release: 'web', namespace: 'web', syncedBy: { tool: 'flux', name: 'web', namespace: 'web' }, origin: at('apps/web/release.yaml', 10) },
      { chart: 'cert-manager', version: 'v1.12.3', versionSite: { path: 'test/fixtures/flux/infrastructure/cert-manager.yaml', line: 11, value: 'v1.12.3' }, repository: 'https://charts.jetstack.io', release: 'cert-manager', namespace: 'cert-manager', syncedBy: { tool: 'flux', name: 'cert-manager', namespace: 'cert-manager' }, origin: at('infrastructure/cert-manager.yaml', 1) },
      // Installed into targetNamespace, under Flux's release name for it.
      { chart: 'cluster-autoscaler', version: '9.28.x', versionSite: { path: 'test/fixtures/flux/infrastructure/cluster-autoscaler.yaml', line: 13, value: '9.28.x' }, repository: 'https://kubernetes.github.io/autoscaler', release: 'autoscaling-cluster-autoscaler', namespace: 'autoscaling', syncedBy: { tool: 'flux', name: 'cluster-autoscaler', namespace: 'kube-system' }, origin: at('infrastructure/cluster-autoscaler.yaml', 1) },
      { chart: 'ingress-nginx', version: '>=4.0.0', versionSite: { path: 'test/fixtures/flux/infrastructure/ingress-nginx.yaml', line: 11, value: '>=4.0.0' }, repository: 'https://kubernetes.github.io/ingress-nginx', release: 'ingress-nginx', namespace: 'ingress-nginx', syncedBy: { tool: 'flux', name: 'ingress-nginx', namespace: 'ingress-nginx' }, origin: at('infrastructure/ingress-nginx.yaml', 1) },
      // The chart is the URL's last segment, its version the OCIRepository's tag, edited there.
      { chart: 'karpenter', version: '0.37.0', versionSite: { path: 'test/fixtures/flux/infrastructure/karpenter.yaml', line: 10, value: '0.37.0' }, repository: 'oci://public.ecr.aws/karpenter', release: 'karpenter', namespace: 'kube-system', syncedBy: { tool: 'flux', name: 'karpenter', namespace: 'kube-system' }, origin: at('infrastructure/karpenter.yaml', 12) },
    ]);
  });

  it('takes an OCIRepository semver before its tag, and no version from a digest; skips a release whose source is not scanned', () => {
    const read = (text: string) => readManifestText(text, 'flux.yaml', { objectKinds: new Set(FLUX_KINDS) }).resources;
    const oci = (name: string, ref: string) => `apiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: OCIRepository\nmetadata: {name: ${name}, namespace: flux-system}\nspec:\n  url: oci://ghcr.io/acme/charts/${name}/\n  ref: ${ref}\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ${name}, namespace: flux-system}\nspec:\n  chartRef: {kind: OCIRepository, name: ${name}}\n---\n`;
    const objects = read(`${oci('semver', '{semver: "1.2.x", tag: 1.0.0}')}${oci('digest', '{digest: "sha256:0123"}')}apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: lost}\nspec:\n  chartRef: {kind: OCIRepository, name: elsewhere}\n`).filter(isFluxObject);
    expect(fluxCharts(objects, ROOT).references.map(({ chart, version, repository }) => ({ chart, version, repository }))).toEqual([
      { chart: 'semver', version: '1.2.x', repository: 'oci://ghcr.io/acme/charts' },
      { chart: 'digest', version: undefined, repository: 'oci://ghcr.io/acme/charts' },
    ]);
    // The release whose source is elsewhere is named for the scan's note.
    expect(fluxCharts(objects, ROOT).chartless).toEqual(['lost (OCIRepository elsewhere)']);
  });

  it('reads Chart.yaml dependencies, also of vendored subcharts', async () => {
    const scan = await scanChart(`${ROOT}examples/estate/charts/acme-service`, { cwd: ROOT, knowledge: loadKnowledge(), target: '1.33', userValues: {}, objectKinds: new Set() });
    expect(scan.charts).toEqual([
      { chart: 'redis', version: '17.11.3', versionSite: { path: 'examples/estate/charts/acme-service/Chart.yaml', line: 15, value: '17.11.3' }, repository: 'https://charts.bitnami.com/bitnami', origin: { type: 'file', path: 'examples/estate/charts/acme-service/Chart.yaml', line: 14, column: 1 } },
    ]);
  });
});
