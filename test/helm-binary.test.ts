// Charts rendered by a helm binary (--helm-bin, UPSHIFT_HELM_BIN, helm on PATH). helm is not
// installed here, so each test writes a fake `helm`: a node script that records the arguments
// it receives and prints what `helm template` prints for the test's chart, or fails as helm does.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runCheck } from '../src/run-check.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { servedApiVersions } from '../src/sources/helm/capabilities.js';
import { resolveHelmBinary } from '../src/sources/helm/helm-binary.js';
import { helmErrorLocation, locateDocuments, splitHelmOutput } from '../src/sources/helm/helm-output.js';
import type { Finding } from '../src/core/types.js';
import { runUpshift, type Run } from './support/run-upshift.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const knowledge = loadKnowledge();
const API_IDS = ['api-removed', 'api-deprecated', 'api-replacement-unavailable'];
const work = mkdtempSync(join(tmpdir(), 'upshift-helm-'));
const bin = join(work, 'bin');
const helm = join(bin, 'helm');
const calls = join(bin, 'calls.jsonl');
const gogc = join(bin, 'gogc.txt');

afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
}

// The chart: a range writing one CronJob per job, a capability-dependent PDB, and a
// subchart with a PodSecurityPolicy; two environments.
write('shop/Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 1.2.3\n');
write('shop/values.yaml', 'replicas: 2\njobs: {}\nredis:\n  psp:\n    enabled: true\n');
write('shop/values-prod.yaml', 'jobs:\n  cleanup:\n    schedule: "0 1 * * *"\n  report:\n    schedule: "0 2 * * *"\n');
write('shop/values-staging.yaml', 'jobs:\n  cleanup:\n    schedule: "0 3 * * *"\n');
write('shop/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  replicas: {{ .Values.replicas }}\n');
write(
  'shop/templates/cronjobs.yaml',
  '{{- range $name, $job := .Values.jobs }}\n---\napiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: {{ $.Release.Name }}-{{ $name }}\nspec:\n  schedule: {{ $job.schedule | quote }}\n{{- end }}\n',
);
write(
  'shop/templates/pdb.yaml',
  '# the PDB\napiVersion: {{ if .Capabilities.APIVersions.Has "policy/v1" }}policy/v1{{ else }}policy/v1beta1{{ end }}\nkind: PodDisruptionBudget\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  minAvailable: 1\n',
);
write('shop/charts/redis/Chart.yaml', 'apiVersion: v2\nname: redis\nversion: 1.2.3\n');
write('shop/charts/redis/values.yaml', 'psp:\n  enabled: false\n');
write(
  'shop/charts/redis/templates/psp.yaml',
  '{{- if .Values.psp.enabled }}\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: {{ .Release.Name }}-redis\n{{- end }}\n',
);
// Charts helm refuses, each with a literal apiVersion for the lexical scan.
write('broken/Chart.yaml', 'apiVersion: v2\nname: broken\nversion: 0.1.0\n');
write('broken/templates/ingress.yaml', 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: {{ .Release.Name }\n');
write('required/Chart.yaml', 'apiVersion: v2\nname: required\nversion: 0.1.0\n');
write('required/templates/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: {{ required "service.port is required" .Values.service.port }}\n');
write('future/Chart.yaml', 'apiVersion: v2\nname: future\nversion: 0.1.0\nkubeVersion: ">=1.40.0"\n');
write('future/templates/cronjob.yaml', 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n');
write('user-values.yaml', 'replicas: 3\n');
// A dependency not vendored: helm would refuse the chart (it does not download here).
write('unvendored/Chart.yaml', 'apiVersion: v2\nname: unvendored\nversion: 0.1.0\ndependencies:\n  - name: postgresql\n    version: 12.5.8\n');
write('unvendored/templates/cronjob.yaml', 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: {{ .Release.Name }}-nightly\n');

// What helm prints for the charts above, keyed by chart directory; the environment's values
// file decides which CronJobs exist, --api-versions decides the PDB's apiVersion (as
// .Capabilities.APIVersions.Has does in helm).
const FAKE_HELM = `#!${process.execPath}
const { appendFileSync } = require('node:fs');
const { basename, join } = require('node:path');
const args = process.argv.slice(2);
appendFileSync(join(__dirname, 'calls.jsonl'), JSON.stringify(args) + '\\n');
appendFileSync(join(__dirname, 'gogc.txt'), (process.env.GOGC ?? 'unset') + '\\n');
const option = (name) => args.filter((_, index) => args[index - 1] === name);
if (args[0] !== 'template' || args[1] !== 'release-name' || option('--kube-version').length !== 1 || option('--api-versions').length !== 1) {
  process.stderr.write('Error: unexpected arguments ' + args.join(' ') + '\\n');
  process.exit(1);
}
const chart = basename(args[2]);
const fail = (message) => {
  process.stderr.write('walk.go:75: found symbolic link in path: resolves to ' + args[2] + '\\n' + message + '\\n');
  process.exit(1);
};
if (chart === 'broken') fail('Error: parse error at (broken/templates/ingress.yaml:4): unexpected "}" in operand');
if (chart === 'required') fail('Error: execution error at (required/templates/service.yaml:7:16): service.port is required');
if (chart === 'future') fail('Error: chart requires kubeVersion: >=1.40.0 which is incompatible with Kubernetes ' + option('--kube-version')[0]);
const environment = option('--values').map((file) => basename(file)).find((file) => file.startsWith('values-'));
const jobs = environment === 'values-prod.yaml' ? [['cleanup', '0 1 * * *'], ['report', '0 2 * * *']] : [['cleanup', '0 3 * * *']];
const served = option('--api-versions')[0].split(',');
const documents = [
  ['shop/charts/redis/templates/psp.yaml', 'apiVersion: policy/v1beta1\\nkind: PodSecurityPolicy\\nmetadata:\\n  name: release-name-redis'],
  ...jobs.map(([name, schedule]) => ['shop/templates/cronjobs.yaml', 'apiVersion: batch/v1beta1\\nkind: CronJob\\nmetadata:\\n  name: release-name-' + name + '\\nspec:\\n  schedule: "' + schedule + '"']),
  ['shop/templates/deployment.yaml', 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: release-name-web\\nspec:\\n  replicas: 3'],
  ['shop/templates/pdb.yaml', '# the PDB\\napiVersion: ' + (served.includes('policy/v1') ? 'policy/v1' : 'policy/v1beta1') + '\\nkind: PodDisruptionBudget\\nmetadata:\\n  name: release-name-web\\nspec:\\n  minAvailable: 1'],
];
process.stdout.write(documents.map(([source, text]) => '---\\n# Source: ' + source + '\\n' + text + '\\n').join(''));
`;
mkdirSync(bin);
writeFileSync(helm, FAKE_HELM);
chmodSync(helm, 0o755);

function helmCalls(): string[][] {
  return existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
}

beforeEach(() => {
  rmSync(calls, { force: true });
  rmSync(gogc, { force: true });
});

function upshift(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runUpshift(args, { cwd: work, env });
}

function check(paths: string[], helmBinary: string, extra: Partial<Parameters<typeof runCheck>[0]> = {}) {
  return runCheck({ paths, target: '1.33', cwd: work, knowledge, only: API_IDS, helmBinary, ...extra });
}

const brief = (finding: Finding) => [finding.id, finding.message, finding.origin];
const at = (path: string, line: number, env?: string) => ({ type: 'file', path: `shop/${path}`, line, column: 1, chart: 'shop', ...(env ? { env } : {}) });
const CRONJOB = (name: string) => `CronJob release-name-${name} uses batch/v1beta1, removed in 1.25; use batch/v1 (served since 1.21)`;
const PSP = expect.stringMatching(/^PodSecurityPolicy release-name-redis uses policy\/v1beta1, removed in 1.25; No replacement API/);

describe('rendering with a helm binary', () => {
  it('runs helm template per environment with the target version, the APIs it serves, the release, and the values in helm order', async () => {
    await check(['shop'], helm, { valuesFiles: ['user-values.yaml'], set: ['replicas=3'] });
    const apiVersions = servedApiVersions(knowledge, '1.33');
    expect(apiVersions).toContain('policy/v1');
    expect(apiVersions).toContain('batch/v1/CronJob');
    expect(apiVersions).not.toContain('batch/v1beta1');
    const expected = (environment: string) => [
      'template',
      'release-name',
      join(work, 'shop'),
      '--namespace',
      'default',
      '--kube-version',
      'v1.33.0',
      '--api-versions',
      apiVersions.join(','),
      '--values',
      join(work, 'shop', `values-${environment}.yaml`),
      '--values',
      join(work, 'user-values.yaml'),
      '--set',
      'replicas=3',
    ];
    expect(helmCalls()).toEqual([expected('prod'), expected('staging')]);
  });

  it('locates objects at their template, line, chart and environment (or environments), exactly as the own renderer does', async () => {
    const withHelm = await check(['shop'], helm);
    expect(withHelm.findings.map(brief)).toEqual([
      ['api-removed', PSP, at('charts/redis/templates/psp.yaml', 2)],
      ['api-removed', CRONJOB('cleanup'), at('templates/cronjobs.yaml', 3)],
      ['api-removed', CRONJOB('report'), at('templates/cronjobs.yaml', 3, 'prod')],
    ]);
    expect(withHelm.findings.map((finding) => finding.environments)).toEqual([['prod', 'staging'], ['prod', 'staging'], undefined]);
    const own = await check(['shop'], 'none');
    expect(own.findings).toEqual(withHelm.findings);
  });

  it('places every document of helm output at its template line', () => {
    const output = splitHelmOutput('---\n# Source: a/templates/x.yaml\napiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\n---\n# Source: a/templates/y.yaml\n# only a comment\n');
    expect(output).toEqual([
      { source: 'a/templates/x.yaml', text: 'apiVersion: v1\nkind: A\n' },
      { source: 'a/templates/x.yaml', text: 'apiVersion: v1\nkind: B\n' },
    ]);
    const template = 'kind: A\napiVersion: v1\n---\n{{- if .Values.b }}\napiVersion: {{ .Values.version }}\nkind: B\n{{- end }}\n';
    expect(locateDocuments(template, ['kind: A\n', 'apiVersion: v2\nkind: B\n', 'metadata: {}\n'])).toEqual([1, 5, 1]);
  });

  it('reads helm\'s error locations', () => {
    expect(helmErrorLocation('parse error at (c/templates/x.yaml:12): unexpected "}" in operand')).toEqual({ template: 'c/templates/x.yaml', line: 12, column: 1 });
    expect(helmErrorLocation('template: c/templates/x.yaml:12:3: executing "c/templates/x.yaml" at <.Values.a.b>: nil pointer evaluating interface {}.b')).toEqual({
      template: 'c/templates/x.yaml',
      line: 12,
      column: 3,
    });
    expect(helmErrorLocation('YAML parse error on c/templates/x.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key')).toEqual({ template: 'c/templates/x.yaml', line: 1, column: 1 });
    expect(helmErrorLocation('chart requires kubeVersion: >=1.40.0 which is incompatible with Kubernetes v1.33.0')).toBeUndefined();
  });
});

describe('charts helm would refuse', () => {
  it('a chart with a dependency missing from charts/ is rendered by the own renderer, which says what is missing', async () => {
    const report = await check(['unvendored'], helm);
    expect(helmCalls()).toEqual([]);
    expect(report.findings.map((finding) => [finding.id, finding.severity, finding.origin])).toEqual([
      ['api-removed', 'error', { type: 'file', path: 'unvendored/templates/cronjob.yaml', line: 1, column: 1, chart: 'unvendored' }],
      ['input-invalid', 'info', { type: 'file', path: 'unvendored/Chart.yaml', line: 5, column: 1 }],
    ]);
  });
});

describe('when helm fails', () => {
  it.each([
    ['broken', 'templates/ingress.yaml:4:1', 'parse error at (broken/templates/ingress.yaml:4): unexpected "}" in operand'],
    ['required', 'templates/service.yaml:7:16', 'execution error at (required/templates/service.yaml:7:16): service.port is required'],
    ['future', 'Chart.yaml:1:1', 'chart requires kubeVersion: >=1.40.0 which is incompatible with Kubernetes v1.33.0'],
  ])('%s: input-invalid with helm\'s message where it says, then the lexical scan', async (chart, location, message) => {
    const report = await check([chart], helm);
    const [path, line, column] = location.split(':');
    const removed = chart === 'broken' ? 'Ingress (unnamed) uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19)' : 'CronJob nightly uses batch/v1beta1, removed in 1.25; use batch/v1 (served since 1.21)';
    const lexical = ['api-removed', 'error', removed, { type: 'file', path: `${chart}/templates/${chart === 'broken' ? 'ingress' : 'cronjob'}.yaml`, line: 1, column: 1 }, 'low'];
    expect(report.findings.map((finding) => [finding.id, finding.severity, finding.message, finding.origin, finding.details?.confidence])).toEqual([
      // Sorted by origin: the lexical finding at line 1 of the failing template comes first.
      ...(chart === 'broken' ? [lexical] : []),
      [
        'input-invalid',
        'error',
        `${chart}/${location}: Helm chart ${chart} cannot be rendered: helm template: ${message}; fix the template or its values (its templates were read lexically instead)`,
        { type: 'file', path: `${chart}/${path}`, line: Number(line), column: Number(column), chart },
        undefined,
      ],
      ...(chart === 'future' ? [lexical] : []),
      ['input-unrendered-template', 'info', expect.stringContaining(`Helm chart ${chart} was scanned without rendering`), { type: 'file', path: `${chart}/Chart.yaml`, line: 1, column: 1 }, 'low'],
    ]);
  });
});

describe('the CLI', () => {
  const API_CHECKS = ['--checks', API_IDS.join(','), '--target', '1.33', '-o', 'json'];
  const PATH = `${bin}${delimiter}${process.env.PATH}`;

  it('--helm-bin renders with that binary: exit 3 on a removed API, origins at the templates', async () => {
    const run = await upshift(['check', 'shop', '--helm-bin', helm, ...API_CHECKS]);
    expect([run.code, run.stderr]).toEqual([3, '']);
    const findings = JSON.parse(run.stdout).findings as Finding[];
    expect(findings.map((finding) => [finding.origin, finding.environments])).toEqual([
      [at('charts/redis/templates/psp.yaml', 2), ['prod', 'staging']],
      [at('templates/cronjobs.yaml', 3), ['prod', 'staging']],
      [at('templates/cronjobs.yaml', 3, 'prod'), undefined],
    ]);
    expect(helmCalls().map((args) => args.slice(5, 7))).toEqual([
      ['--kube-version', 'v1.33.0'],
      ['--kube-version', 'v1.33.0'],
    ]);
  });

  it("runs helm with Go's garbage collector set to GOGC=400, or to the user's GOGC", async () => {
    const tuned = await upshift(['check', 'shop', '--helm-bin', helm, ...API_CHECKS]);
    expect(readFileSync(gogc, 'utf8')).toBe('400\n400\n');
    rmSync(gogc);
    const own = await upshift(['check', 'shop', '--helm-bin', helm, ...API_CHECKS], { GOGC: '50' });
    expect(readFileSync(gogc, 'utf8')).toBe('50\n50\n');
    expect([own.code, own.stdout]).toEqual([tuned.code, tuned.stdout]);
  });

  it('finds helm on PATH by itself, and --helm-bin none keeps the own renderer', async () => {
    const found = await upshift(['check', 'shop', ...API_CHECKS], { PATH, UPSHIFT_HELM_BIN: '' });
    expect(helmCalls()).toHaveLength(2);
    rmSync(calls);
    const own = await upshift(['check', 'shop', '--helm-bin', 'none', ...API_CHECKS], { PATH, UPSHIFT_HELM_BIN: '' });
    expect(helmCalls()).toEqual([]);
    expect([own.code, own.stdout]).toEqual([found.code, found.stdout]);
  });

  it('reports a failing helm as a located finding, and the scan goes on', async () => {
    const run = await upshift(['check', 'required', 'shop', '--helm-bin', helm, '--checks', 'api-removed', '--target', '1.33', '-o', 'csv']);
    expect([run.code, run.stderr]).toEqual([3, '']);
    expect(run.stdout.split('\n').slice(1, 4).map((row) => row.split(',').slice(0, 2).join(','))).toEqual(['error,input-invalid', 'error,api-removed', 'error,api-removed']);
  });

  it('rejects a --helm-bin that cannot be run, naming it', async () => {
    const run = await upshift(['check', 'shop', '--helm-bin', 'no/such/helm', ...API_CHECKS]);
    expect(run).toEqual({ code: 1, stdout: '', stderr: "upshift: --helm-bin no/such/helm: not an executable file; give the path of a helm binary, or none for upshift's own renderer\n" });
  });
});

describe('tests of the own renderer', () => {
  it('never pick up a helm from PATH: the test setup says UPSHIFT_HELM_BIN=none, and it wins over PATH', async () => {
    expect(process.env.UPSHIFT_HELM_BIN).toBe('none');
    expect(resolveHelmBinary(undefined, work, { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` })).toBeUndefined();
    expect(resolveHelmBinary(undefined, work, { PATH: `${bin}${delimiter}${process.env.PATH}` })).toBe(helm);
    await runCheck({ paths: ['shop'], target: '1.33', cwd: work, knowledge, only: API_IDS });
    const run = await upshift(['check', 'shop', '--target', '1.33'], { PATH: `${bin}${delimiter}${process.env.PATH}` });
    expect(run.code).toBe(3);
    expect(helmCalls()).toEqual([]);
  });
});
