// GitOps estates. Flux (test/fixtures/flux): the add-ons its HelmReleases install are judged, a
// version range is judged at its one minor or said to float, a PDB beside a release whose chart
// the scan does not render says so, and the plan edits the version where Flux reads it and
// reconciles. Argo CD: Applications are synced by their own name; ApplicationSets are judged per
// parameter set of their generators (test/fixtures/addons/argo-appsets.yaml).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../src/run-check.js';
import { runUpshift } from './support/run-upshift.js';

const FIXTURE = 'test/fixtures/flux';

/** Runs `test` in a new temporary directory (named from `prefix`), removed afterwards whatever happens. */
async function inTemporaryDirectory(prefix: string, test: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await test(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('GitOps estates', () => {
  it('judges the add-ons its HelmReleases install, at the version each names', async () => {
    const { report } = await runScan({ paths: [FIXTURE], target: '1.33', current: '1.30', now: new Date('2026-12-07') });
    const about = (id: string) => report.findings.filter((finding) => finding.id === id).map((finding) => [finding.origin && 'path' in finding.origin ? `${finding.origin.path}:${finding.origin.line}` : '', finding.message]);
    expect(about('addon-upgrade-first')).toEqual([
      [`${FIXTURE}/infrastructure/cert-manager.yaml:1`, 'cert-manager 1.12.3 supports Kubernetes 1.22 to 1.32: upgrade it to 1.17.0 or later (recommended 1.20.x) before the 1.32→1.33 control-plane hop'],
      // 9.28.x: the newest 9.28 release the knowledge base lists, 9.28.0, ships 1.26.2.
      [`${FIXTURE}/infrastructure/cluster-autoscaler.yaml:1`, 'cluster-autoscaler 1.26.2 supports Kubernetes only 1.26 (it does not support the current 1.30 either) and must run the same minor as the control plane: upgrade it to 1.30.x before the 1.30→1.31 control-plane hop; then to 1.31.x right after 1.30→1.31; then to 1.32.x right after 1.31→1.32; then to 1.33.x right after 1.32→1.33'],
      [`${FIXTURE}/infrastructure/karpenter.yaml:12`, 'karpenter 0.37.0 supports Kubernetes 1.23 to 1.30: upgrade it to 1.0.5 or later (recommended 1.14.x) before the 1.30→1.31 control-plane hop'],
    ]);
    expect(about('addon-unknown')).toEqual([
      [`${FIXTURE}/infrastructure/ingress-nginx.yaml:1`, 'ingress-nginx (chart ingress-nginx >=4.0.0): the chart version >=4.0.0 is a range across minor releases, so each sync installs the newest matching release: the code does not say which one runs, and a new minor can arrive on its own, before or after a control-plane hop; pin the chart version (or one minor, such as 1.2.x) so that it moves when the upgrade plans it'],
    ]);
    expect(about('pdb-no-match')).toEqual([
      [`${FIXTURE}/apps/web/pdb.yaml:1`, "PodDisruptionBudget web (app.kubernetes.io/name=web-podinfo) selects no workload in the scanned inputs of its namespace, where the Flux HelmRelease web installs the chart podinfo, which this scan does not render: its pods are likely the ones selected; render the chart with the release's values into the scan (helm template ... | upshift check -f -) to check the budget"],
    ]);
    // other/release.yaml's HelmRelease (releases.example.com) is no Flux release: no cert-manager v1.5.0.
    expect(report.findings.filter((finding) => finding.message.includes('1.5.0'))).toEqual([]);
  });

  it('plans each upgrade as an edit where Flux reads the version and a reconcile', async () => {
    const run = await runUpshift(['plan', FIXTURE, '--current', '1.30', '--target', '1.33', '--strategy', 'in-place', '-o', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const steps = JSON.parse(run.stdout).environments[0].steps as { title: string; edits: { file: string; line: number; from: string; to: string }[]; commands: string[] }[];
    const first = (addon: string) => steps.find((step) => step.title.startsWith(`Upgrade ${addon} `))!;
    expect(first('karpenter')).toMatchObject({
      title: 'Upgrade karpenter from 0.37.0 to v0.37.8 (chart 0.37.8) before 1.30→1.31',
      // The OCIRepository's tag, in the source the release points to.
      edits: [{ file: `${FIXTURE}/infrastructure/karpenter.yaml`, line: 10, from: '    tag: 0.37.0', to: '    tag: 0.37.8' }],
      commands: ['flux reconcile helmrelease karpenter --namespace kube-system --with-source'],
    });
    expect(first('cluster-autoscaler')).toMatchObject({
      edits: [{ file: `${FIXTURE}/infrastructure/cluster-autoscaler.yaml`, line: 13, from: '      version: "9.28.x"', to: '      version: "9.37.0"' }],
      commands: ['flux reconcile helmrelease cluster-autoscaler --namespace kube-system --with-source'],
    });
    expect(first('cert-manager').commands).toEqual(['flux reconcile helmrelease cert-manager --namespace cert-manager --with-source']);
    // The edit reaches the cluster once pushed: the step says so before the command.
    expect((first('cert-manager') as unknown as { items: string[] }).items).toContain('Commit and push the edit first (to the branch Flux follows): Flux applies what the Git repository holds, and the command makes it do so now rather than at its next interval.');
  });

  it('syncs an Argo CD Application by its own name, not its Helm release name, with its namespace when not argocd', async () => {
    await inTemporaryDirectory('upshift-argo-sync-', async (dir) => {
      writeFileSync(join(dir, 'app.yaml'), [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'metadata: {name: certs, namespace: team-a}',
        'spec:',
        '  source:',
        '    repoURL: https://charts.jetstack.io',
        '    chart: cert-manager',
        '    targetRevision: v1.12.3',
        '    helm: {releaseName: cert-manager}',
        '  destination: {server: https://kubernetes.default.svc, namespace: cert-manager}',
        '',
      ].join('\n'));
      const run = await runUpshift(['plan', dir, '--current', '1.32', '--target', '1.33', '--strategy', 'in-place', '-o', 'json', '--fail-on', 'none']);
      expect(run.code).toBe(0);
      const steps = JSON.parse(run.stdout).environments[0].steps as { title: string; commands: string[] }[];
      expect(steps.find((step) => step.title.startsWith('Upgrade cert-manager '))!.commands).toEqual(['argocd app sync team-a/certs']);
    });
  });

  it('judges the charts of ApplicationSets per environment their generators name, and says when a version is filled in from outside the scan', async () => {
    const { report } = await runScan({ paths: ['test/fixtures/addons/argo-appsets.yaml'], target: '1.33', current: '1.30', now: new Date('2026-12-07') });
    expect(report.findings.filter((finding) => finding.id.startsWith('addon-')).map((finding) => [finding.id, finding.origin && 'line' in finding.origin ? finding.origin.line : 0, finding.environments ?? null, finding.message])).toEqual([
      // staging's v1.14.7 speaks for the default clusters' and prod's v1.12.4, which go further back.
      ['addon-upgrade-first', 2, ['prod', 'staging'], 'cert-manager 1.14.7 supports Kubernetes 1.24 to 1.31: upgrade it to 1.15.0 or later (recommended 1.19.x) before the 1.31→1.32 control-plane hop (in staging; no environment, prod differ: see details.byEnvironment)'],
      ['addon-incompatible', 53, null, 'cluster-autoscaler 1.30.0 supports Kubernetes only 1.30 and must run the same minor as the control plane: upgrade it to 1.31.x right after 1.30→1.31; then to 1.32.x right after 1.31→1.32; then to 1.33.x right after 1.32→1.33'],
      ['addon-upgrade-first', 53, null, 'cluster-autoscaler 1.26.2 supports Kubernetes only 1.26 (it does not support the current 1.30 either) and must run the same minor as the control plane: upgrade it to 1.30.x before the 1.30→1.31 control-plane hop; then to 1.31.x right after 1.30→1.31; then to 1.32.x right after 1.31→1.32; then to 1.33.x right after 1.32→1.33'],
      ['addon-upgrade-first', 79, null, 'karpenter 1.0.6 supports Kubernetes 1.25 to 1.31: upgrade it to 1.2.0 or later (recommended 1.14.x) before the 1.31→1.32 control-plane hop'],
      ['addon-upgrade-first', 129, ['prod'], 'ingress-nginx 1.12 supports Kubernetes 1.28 to 1.32: upgrade it to 1.13.0 or later (recommended 1.15.x) before the 1.32→1.33 control-plane hop'],
      ['addon-unknown', 104, null, "metrics-server (chart metrics-server {{metricsServer.version}}): its chart version {{metricsServer.version}} is filled in by the ApplicationSet's generators from what the scan does not hold (a git generator's files); scan those files too, or set the version in the template or in a generator's values, to have it judged"],
    ]);
    // One install judged per environment is one finding (it was one per environment, alike, at one place).
    expect(report.findings.filter((finding) => finding.id === 'ingress-nginx-retired').map((finding) => [finding.origin && 'line' in finding.origin ? finding.origin.line : 0, finding.environments ?? null])).toEqual([[129, ['prod']]]);
  });

  it('upgrades each line that pins an ApplicationSet\'s add-on from its own version, one minor at a time, and says how to sync what it generates', async () => {
    const run = await runUpshift(['plan', 'test/fixtures/addons/argo-appsets.yaml', '--current', '1.30', '--target', '1.33', '--strategy', 'in-place', '-o', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const steps = JSON.parse(run.stdout).environments[0].steps as { title: string; edits: { line: number; from: string; to: string }[]; commands: string[]; items: string[] }[];
    // The Applications it generates are named per cluster: no sync command can name them, the item says how.
    const first = steps.find((step) => step.title.startsWith('Upgrade cert-manager '))!;
    expect(first.commands).toEqual([]);
    expect(first.items.at(-1)).toBe('Commit and push the edit first (to the branch Argo CD follows): ApplicationSet addons-cert-manager regenerates its Applications (named addon-{{name}}-cert-manager) from it; sync each with argocd app sync unless they sync automatically (argocd app list shows them).');
    const versions = (line: number) => steps.flatMap((step) => step.edits.filter((edit) => edit.line === line).map((edit) => `${edit.from.trim()} -> ${edit.to.trim()}`));
    const minors = ['v1.12.4 -> v1.13.6', 'v1.13.6 -> v1.14.7', 'v1.14.7 -> v1.15.5', 'v1.15.5 -> v1.16.5', 'v1.16.5 -> v1.17.4', 'v1.17.4 -> v1.18.6', 'v1.18.6 -> v1.19.6', 'v1.19.6 -> v1.20.3'].map((move) => `addonChartVersion: ${move.replace(' -> ', ' -> addonChartVersion: ')}`);
    // The default for every cluster (line 15) and prod's own line (33) hold v1.12.4: each passes
    // through every minor (it had been edited once from v1.12.4 to v1.15.5, after staging's version).
    expect(versions(15)).toEqual(minors);
    expect(versions(33)).toEqual(minors);
    // Staging's own line holds v1.14.7, which must move before the 1.31→1.32 hop, to the release recommended for it.
    expect(versions(27)).toEqual(minors.slice(2, 7));
    expect(steps.filter((step) => step.edits.some((edit) => edit.line === 27)).map((step) => step.title.split(' before ')[1])).toEqual(Array(5).fill('1.31→1.32'));
    // A list generator's elements name no environment: each is told apart by the version it pins,
    // and its Application's name is known (autoscaler-blue at 1.26.2, autoscaler-green at 1.30.0).
    const autoscaler = (line: number) => steps.filter((step) => step.edits.some((edit) => edit.line === line)).map((step) => [step.title.split(' (')[0], step.commands]);
    expect(autoscaler(64)).toEqual([
      ['Upgrade cluster-autoscaler from 1.26.2 to 1.30.0', ['argocd app sync autoscaler-blue']],
      ['Upgrade cluster-autoscaler from 1.30.0 to 1.31.0', ['argocd app sync autoscaler-blue']],
      ['Upgrade cluster-autoscaler from 1.31.0 to 1.32.0', ['argocd app sync autoscaler-blue']],
      ['Upgrade cluster-autoscaler from 1.32.0 to 1.33.0', ['argocd app sync autoscaler-blue']],
    ]);
    expect(autoscaler(66)).toEqual(autoscaler(64).slice(1).map(([title]) => [title, ['argocd app sync autoscaler-green']]));
    // Every cert-manager finding (the ApplicationSet at line 2) is cleared by a step; none is left to a person.
    expect(JSON.parse(run.stdout).environments[0].manual.filter((entry: { line?: number }) => entry.line === 2 || entry.line === 53)).toEqual([]);
  });

  it('upgrades each place that pins an add-on from its own version: a chart\'s dependency and an Application', async () => {
    await inTemporaryDirectory('upshift-two-pins-', async (dir) => {
      mkdirSync(join(dir, 'addons'));
      mkdirSync(join(dir, 'argocd'));
      writeFileSync(join(dir, 'addons/Chart.yaml'), 'apiVersion: v2\nname: addons\nversion: 0.1.0\ndependencies:\n  - name: cert-manager\n    version: v1.10.2\n    repository: https://charts.jetstack.io\n');
      writeFileSync(join(dir, 'argocd/app.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: certs, namespace: argocd}\nspec:\n  source:\n    repoURL: https://charts.jetstack.io\n    chart: cert-manager\n    targetRevision: v1.12.3\n  destination: {server: https://kubernetes.default.svc, namespace: cert-manager}\n');
      const run = await runUpshift(['plan', dir, '--current', '1.32', '--target', '1.33', '--strategy', 'in-place', '-o', 'json', '--fail-on', 'none']);
      expect(run.code).toBe(0);
      const environment = JSON.parse(run.stdout).environments[0];
      const moves = (file: string) => (environment.steps as { edits: { file: string; from: string; to: string }[] }[]).flatMap((step) => step.edits.filter((edit) => edit.file === join(dir, file)).map((edit) => `${edit.from.trim().split(' ').pop()} -> ${edit.to.trim().split(' ').pop()}`));
      const path = ['v1.10.2', 'v1.11.5', 'v1.12.17', 'v1.13.6', 'v1.14.7', 'v1.15.5', 'v1.16.5', 'v1.17.4', 'v1.18.6', 'v1.19.6', 'v1.20.3'];
      const steps = (from: number) => path.slice(from, -1).map((version, index) => `${version} -> ${path[from + index + 1]}`);
      // One chain had run from the dependency's v1.10.2 (the first finding) on the Application's
      // line, moving it back from v1.12.3 to v1.11.5, and left the dependency to a person.
      expect(moves('addons/Chart.yaml')).toEqual(steps(0));
      expect(moves('argocd/app.yaml')).toEqual(['v1.12.3 -> v1.13.6', ...steps(3)]);
      expect(environment.manual.filter((entry: { id: string }) => entry.id.startsWith('addon-'))).toEqual([]);
    });
  });

  it('names the ApplicationSet beside a PDB whose pods come from the chart it deploys', async () => {
    await inTemporaryDirectory('upshift-appset-pdb-', async (dir) => {
      writeFileSync(join(dir, 'appset.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: web, namespace: argocd}\nspec:\n  generators:\n    - list:\n        elements:\n          - cluster: blue\n  template:\n    metadata: {name: \'web-{{cluster}}\'}\n    spec:\n      source: {repoURL: https://stefanprodan.github.io/podinfo, chart: podinfo, targetRevision: 6.7.1}\n      destination: {name: \'{{cluster}}\', namespace: web}\n');
      writeFileSync(join(dir, 'pdb.yaml'), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app.kubernetes.io/name: web-podinfo}}\n');
      const { report } = await runScan({ paths: [dir], target: '1.33', current: '1.32', now: new Date('2026-12-07') });
      const finding = report.findings.find((entry) => entry.id === 'pdb-no-match')!;
      expect(finding.message).toContain('where the Argo CD ApplicationSet web installs the chart podinfo, which this scan does not render');
      expect(finding.details?.installedBy).toEqual({ tool: 'argo-cd', name: 'web', namespace: 'argocd', generates: 'web-blue' });
    });
  });

  it('notes the Flux releases whose chart source the scan does not hold, rather than passing them over', async () => {
    await inTemporaryDirectory('upshift-flux-lost-', async (dir) => {
      writeFileSync(join(dir, 'release.yaml'), 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: cert-manager, namespace: cert-manager}\nspec:\n  chartRef: {kind: OCIRepository, name: cert-manager}\n');
      const { report } = await runScan({ paths: [dir], target: '1.33', current: '1.32', now: new Date('2026-12-07') });
      expect(report.notes).toEqual([
        'a Flux HelmRelease names a chart source the scan does not hold (cert-manager/cert-manager (OCIRepository cert-manager)), so its chart is not judged as an add-on; scan the folder that holds that source too',
      ]);
    });
  });
});
