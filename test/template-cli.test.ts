// `upshift template [NAME] CHART` (CLI.md): what helm template prints, with helm's flags and
// the target's .Capabilities; stdout, stderr and exit codes of real runs of the built binary.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { runUpshift } from './support/run-upshift.js';
// @ts-expect-error: plain JavaScript without types
import { installHelm } from '../scripts/helm-oracle.js';

const CHARTS = 'test/fixtures/conformance';
const work = mkdtempSync(join(tmpdir(), 'upshift-template-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


const upshift = (args: string[]) => runUpshift(['template', ...args]);

const ORDER = `---
# Source: order/templates/b-namespace.yaml
apiVersion: v1
kind: Namespace
metadata:
  name: default-extra
---
# Source: order/templates/all.yaml
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
---
# Source: order/templates/all.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
# Source: order/templates/all.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
---
# Source: order/templates/all.yaml
# a comment-only document
---
# Source: order/templates/all.yaml
apiVersion: example.com/v1
kind: Gadget
metadata:
  name: g
---
# Source: order/templates/all.yaml
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
---
# Source: order/templates/all.yaml
apiVersion: v1
kind: Pod
metadata:
  name: test
  annotations:
    "helm.sh/hook": test
---
# Source: order/templates/all.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
`;

describe('upshift template', () => {
  it('prints the manifests in helm order (kinds in install order, unknown kinds by name, hooks last, unknown hooks dropped) under Source comments', async () => {
    expect(await upshift([`${CHARTS}/order`, '--target', '1.33'])).toEqual({ code: 0, stdout: ORDER, stderr: '' });
  });

  it('takes a release name, a namespace, -f, --set and --set-string in helm order', async () => {
    const values = join(work, 'values.yaml');
    writeFileSync(values, 'replicas: 5\nimage:\n  repository: registry.example.com/app\n');
    const run = await upshift(['shop', `${CHARTS}/schema`, '-n', 'prod', '-f', values, '--set', 'replicas=3', '--set-string', 'image.tag=2', '--target', '1.33']);
    expect(run).toEqual({
      code: 0,
      stdout: `---\n# Source: schema/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: app\n          image: "registry.example.com/app:2"\n`,
      stderr: '',
    });
    const namespaced = await upshift(['shop', `${CHARTS}/order`, '--namespace', 'prod', '--target', '1.33']);
    expect(namespaced.stdout).toContain('kind: Namespace\nmetadata:\n  name: prod-extra\n');
  });

  it('gives .Capabilities of the target, plus --api-versions', async () => {
    const at = async (target: string, ...extra: string[]) => (await upshift([`${CHARTS}/capabilities`, '--target', target, ...extra])).stdout;
    const current = await at('1.33');
    expect(current).toContain('apiVersion: policy/v1\nkind: PodDisruptionBudget');
    expect(current).toContain('kube: "v1.33.0"\n    major-minor: "1.33"\n    git: v1.33.0\n    new-enough: "true"\n    autoscaling-v2: "true"\n    cronjob-v1: "true"\n    made-up: "false"');
    expect(current).toContain('workloads: apps/v1/ControllerRevision apps/v1/DaemonSet apps/v1/Deployment apps/v1/ReplicaSet apps/v1/StatefulSet \n');
    expect(await at('1.33', '--api-versions', 'example.com/v9,example.com/v9/Thing', '--api-versions', 'other.io/v1')).toContain('made-up: "true"');
    const old = await at('1.25');
    expect(old).toContain('new-enough: "false"');
  });

  it('renders a subchart once per alias, under the alias, and honours conditions and tags', async () => {
    const run = await upshift([`${CHARTS}/aliases`, '--target', '1.33']);
    expect([...run.stdout.matchAll(/^# Source: (.+)$/gm)].map((match) => match[1])).toEqual([
      'aliases/charts/orders/templates/statefulset.yaml',
      'aliases/charts/payments/templates/statefulset.yaml',
      'aliases/charts/traces/templates/statefulset.yaml',
    ]);
    expect(run.stdout).toContain('  name: release-name-payments\n  labels:\n    chart: payments-0.1.0\n    team: storefront\n    region: eu-west-1\n');
    const tagged = await upshift([`${CHARTS}/aliases`, '--target', '1.33', '--set', 'tags.observability=true,audit.enabled=true']);
    expect(tagged.stdout.match(/^# Source: /gm)).toHaveLength(5);
  });

  it('fails as helm does when the values break values.schema.json: exit 1, the chart and the field on stderr', async () => {
    expect(await upshift([`${CHARTS}/schema`, '--set', 'replicas=0', '--target', '1.33'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `upshift: ${CHARTS}/schema/values.schema.json:1: values don't meet the specifications of the schema(s) in the following chart(s):\nschema:\n- replicas: 0 is less than 1.\n`,
    });
  });

  it('fails with exit 1 on a missing chart, a library chart, or a value the chart requires', async () => {
    expect(await upshift(['nowhere', '--target', '1.33'])).toEqual({ code: 1, stdout: '', stderr: 'upshift: nowhere: no such chart; give the directory that holds Chart.yaml or a packaged chart (.tgz)\n' });
    expect(await upshift([`${CHARTS}/library-user/charts/common`, '--target', '1.33'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `upshift: ${CHARTS}/library-user/charts/common/Chart.yaml: library charts are not installable; render a chart that depends on it\n`,
    });
    expect(await upshift(['test/fixtures/charts/missing-required', '--target', '1.33'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'upshift: test/fixtures/charts/missing-required/templates/service.yaml:7:16: error calling required: service.port is required\n',
    });
    expect((await upshift(['--target', '1.33'])).stderr).toBe('upshift: template needs a CHART: upshift template [NAME] CHART\n');
  });

  it('renders a packaged chart (.tgz) as its directory, and names an archive it cannot read', async () => {
    // As `helm package` writes it: a gzipped tar whose entries sit under the chart's name.
    const packaged = join(work, 'aliases-1.0.0.tgz');
    createTar({ gzip: true, sync: true, portable: true, file: packaged, cwd: CHARTS }, ['aliases']);
    const directory = await upshift([`${CHARTS}/aliases`, '--target', '1.33']);
    expect(await upshift([packaged, '--target', '1.33'])).toEqual(directory);
    const bytes = readFileSync(packaged);
    const truncated = join(work, 'truncated.tgz');
    writeFileSync(truncated, bytes.subarray(0, 300));
    expect(await upshift([truncated, '--target', '1.33'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `upshift: ${truncated}:1: not a readable chart archive (zlib: unexpected end of file); package the chart again (helm package) or download it again\n`,
    });
    const text = join(work, 'notes.tgz');
    writeFileSync(text, 'not an archive\n');
    expect((await upshift([text, '--target', '1.33'])).stderr).toBe(
      `upshift: ${text}:1: not a chart: neither a directory nor a gzipped archive (.tgz); give the directory that holds Chart.yaml or the file \`helm package\` wrote\n`,
    );
    const empty = join(work, 'empty.tgz');
    createTar({ gzip: true, sync: true, portable: true, file: empty, cwd: CHARTS }, ['aliases/values.yaml']);
    expect((await upshift([empty, '--target', '1.33'])).stderr).toBe(`upshift: ${empty}/Chart.yaml:1: Chart.yaml is missing\n`);
  });

  it('fails on a NOTES.txt that fails, as helm renders the notes too', async () => {
    const chart = join(work, 'notes');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: notes\nversion: 1.0.0\n');
    writeFileSync(join(chart, 'templates', 'NOTES.txt'), 'Reach it at {{ required "host is required" .Values.host }}\n');
    writeFileSync(join(chart, 'templates', 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
    const run = await upshift([chart, '--target', '1.33']);
    expect([run.code, run.stdout]).toEqual([1, '']);
    expect(run.stderr).toMatch(/notes\/templates\/NOTES\.txt:1:\d+: .*host is required\n$/);
    expect((await upshift([chart, '--target', '1.33', '--set', 'host=a.example.com'])).stdout).toBe('---\n# Source: notes/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
  });

  it('warns on stderr about a dependency charts/ does not hold, and renders the rest', async () => {
    const run = await upshift(['test/fixtures/charts/web', '--target', '1.33', '--set', 'postgresql.enabled=true']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'upshift: warning: test/fixtures/charts/web/Chart.yaml:12: dependency postgresql 12.5.8 is declared but not in charts/, so its templates are not rendered (helm refuses the chart); run `helm dependency build` in the chart\n',
    );
    expect(run.stdout).toContain('# Source: web/templates/deployment.yaml\n');
  });

  it('prints what helm prints with --helm-bin, byte for byte the own renderer\'s output', async () => {
    let helm: string | undefined;
    try {
      helm = installHelm(3) as string;
    } catch (error) {
      process.stderr.write(`SKIPPED: template --helm-bin: helm 3 cannot be installed here (${(error as Error).message.split('\n')[0]})\n`);
      return;
    }
    for (const chart of ['order', 'aliases', 'requirements', 'imports', 'capabilities']) {
      const own = await upshift([`${CHARTS}/${chart}`, '--target', '1.33']);
      expect(await upshift([`${CHARTS}/${chart}`, '--target', '1.33', '--helm-bin', helm])).toEqual(own);
    }
    const packaged = join(work, 'imports-1.0.0.tgz');
    createTar({ gzip: true, sync: true, portable: true, file: packaged, cwd: CHARTS }, ['imports']);
    expect(await upshift([packaged, '--target', '1.33', '--helm-bin', helm])).toEqual(await upshift([packaged, '--target', '1.33']));
  }, 120_000);
});
