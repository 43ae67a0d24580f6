// `upshift cluster` end to end: the built binary, through a real kubeconfig, against a test
// API server on 127.0.0.1 that converts objects on read as a real one does.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startKubeApiServer, type KubeApiServer, type KubeApiServerOptions } from './support/kube-api-server.js';
import { buildEstate, secret, SERVED_1_21 } from './support/cluster-estate.js';
import { eksFixture, startEksApiServer } from './support/eks-api-server.js';
import { runUpshift, type Run } from './support/run-upshift.js';

// KUBECONFIG is emptied so that the developer's own kubeconfig never reaches a test.
function upshift(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runUpshift(args, { env: { KUBECONFIG: '', ...env } });
}

let server: KubeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(overrides: Partial<KubeApiServerOptions> = {}) {
  const estate = buildEstate();
  server = await startKubeApiServer({ gitVersion: 'v1.21.14-eks-1234567', types: SERVED_1_21, objects: estate.objects, metrics: estate.metrics, ...overrides });
  return { estate, server, kubeconfig: server.writeKubeconfig({ prod: overrides.token, staging: undefined }) };
}

interface Finding {
  id: string;
  severity: string;
  message: string;
  resource?: unknown;
  origin?: { type: string };
}

/** Findings without their origin, in message order: the same objects read from files and from a cluster sort differently by origin. */
const withoutOrigin = (findings: Finding[]) => findings.map(({ origin: _origin, ...rest }) => rest).sort((a, b) => a.message.localeCompare(b.message));

describe('upshift cluster', () => {
  it('reproduces the findings of upshift check on the same objects as files, under the API that wrote each', async () => {
    const { estate, kubeconfig } = await serve();
    const live = await upshift(['cluster', '--kubeconfig', kubeconfig, '--context', 'prod', '--target', '1.26', '-o', 'json']);
    const files = await upshift(['check', estate.directory, '--current', '1.21', '--target', '1.26', '-o', 'json']);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(3);
    const liveReport = JSON.parse(live.stdout);
    const fileReport = JSON.parse(files.stdout);
    expect(liveReport.current).toBe('1.21');
    // A live scan also sees what only a cluster has (nodes, pods, its own version): parity is
    // about the API findings on the objects both scans read.
    const liveApiFindings = (liveReport.findings as Finding[]).filter((finding) => finding.id.startsWith('api-'));
    expect(withoutOrigin(liveApiFindings)).toEqual(withoutOrigin(fileReport.findings.filter((finding: Finding) => finding.id.startsWith('api-'))));
    expect(liveApiFindings.map((finding) => finding.message).join('\n')).not.toContain('Ingress shop/api');
    const cronJob = liveApiFindings.find((finding) => (finding.resource as { kind: string }).kind === 'CronJob');
    expect(cronJob?.origin).toEqual({ type: 'helm-release', release: 'reports', namespace: 'shop', revision: 2, chart: 'reports-1.2.0' });
    const ingress = liveApiFindings.find((finding) => finding.message.startsWith('Ingress shop/web'));
    expect(ingress?.origin).toMatchObject({ type: 'cluster', context: 'prod', writtenBy: 'last-applied-configuration 2020-05-01T00:00:00Z' });
    expect(server!.requests.some((path) => path.startsWith('/apis/extensions/v1beta1/ingresses'))).toBe(false);
  });

  it('judges the controllers people write, never the Pods, ReplicaSets and Jobs a controller made', async () => {
    const { kubeconfig } = await serve();
    const run = await upshift(['cluster', '--kubeconfig', kubeconfig, '--context', 'prod', '--target', '1.26', '-o', 'json']);
    const findings = JSON.parse(run.stdout).findings as (Finding & { resource?: { kind: string; name?: string } })[];
    const subjects = new Set(findings.filter((finding) => ['Pod', 'ReplicaSet', 'Job'].includes(finding.resource?.kind ?? '')).map((finding) => `${finding.id} ${finding.resource!.kind}/${finding.resource!.name}`));
    expect([...subjects].sort()).toEqual(['bare-pod Pod/debug', 'liveness-probe-missing Pod/debug']);
    // The Deployment is judged once, for its own template, not again for its two Pods.
    expect(findings.filter((finding) => finding.message.includes('web-5d4'))).toEqual([]);
  });

  it('reports clients still calling deprecated APIs from the apiserver_requested_deprecated_apis metric', async () => {
    const { kubeconfig } = await serve();
    const run = await upshift(['cluster', '--kubeconfig', kubeconfig, '--target', '1.26', '--checks', 'deprecated-api-called', '-o', 'json']);
    expect(JSON.parse(run.stdout).findings).toEqual([
      {
        id: 'deprecated-api-called',
        severity: 'error',
        message:
          "a client still calls extensions/v1beta1 ingresses, removed in 1.22: the client breaks at the 1.21→1.22 hop; move the client to networking.k8s.io/v1; the API server's audit log names the client (user agent)",
        resource: { apiVersion: 'extensions/v1beta1', kind: 'Ingress' },
        origin: { type: 'cluster', context: 'prod' },
        details: { group: 'extensions', version: 'v1beta1', resource: 'ingresses', removedIn: '1.22', replacement: 'networking.k8s.io/v1', evidence: 'apiserver_requested_deprecated_apis' },
      },
    ]);
  });

  it('pages through lists, restarting one whose continue token expired (410 Gone) without counting objects twice', async () => {
    const { estate, kubeconfig } = await serve({ maxPage: 1, expireFirstContinue: ['nodes', 'ingresses'] });
    const live = await upshift(['cluster', '--kubeconfig', kubeconfig, '--target', '1.26', '-o', 'json']);
    const files = await upshift(['check', estate.directory, '--current', '1.21', '--target', '1.26', '-o', 'json']);
    expect(live.stderr).toBe('');
    const liveFindings = (JSON.parse(live.stdout).findings as Finding[]).filter((finding) => finding.id.startsWith('api-'));
    expect(withoutOrigin(liveFindings)).toEqual(withoutOrigin(JSON.parse(files.stdout).findings.filter((finding: Finding) => finding.id.startsWith('api-'))));
    // The node list restarted after its 410: each node group still counts once.
    const skew = (JSON.parse(live.stdout).findings as Finding[]).filter((finding) => finding.id === 'kubelet-skew');
    expect(skew.map((finding) => finding.message.split(' runs ')[0])).toEqual(['node group prod/general', 'node group prod/legacy']);
    const ingressLists = server!.requests.filter((path) => path.startsWith('/apis/networking.k8s.io/v1/ingresses'));
    expect(ingressLists).toEqual(['/apis/networking.k8s.io/v1/ingresses?limit=500', expect.stringContaining('continue='), '/apis/networking.k8s.io/v1/ingresses?limit=500', expect.stringContaining('continue=')]);
  });

  it('reads KUBECONFIG with several files and picks --context from any of them', async () => {
    const { kubeconfig } = await serve();
    const empty = join(mkdtempSync(join(tmpdir(), 'upshift-kc-')), 'empty');
    writeFileSync(empty, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    const run = await upshift(['cluster', '--context', 'staging', '--target', '1.26', '--checks', 'api-removed', '-o', 'json'], { KUBECONFIG: `${empty}:${kubeconfig}` });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).findings[0].origin.context ?? 'helm').toBeDefined();
    expect(run.code).toBe(3);
  });

  it('exits 1 naming the context and the request when the credentials are rejected (401)', async () => {
    const { kubeconfig } = await serve({ token: 'valid' });
    const file = readFileSync(kubeconfig, 'utf8').replace('token: valid', 'token: expired');
    writeFileSync(kubeconfig, file);
    const run = await upshift(['cluster', '--kubeconfig', kubeconfig, '--context', 'prod', '--target', '1.26']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'upshift: context "prod": the API server rejected the credentials (401 Unauthorized) to read the server version (GET /version); they are missing or expired: log in again (on EKS: aws eks update-kubeconfig, or refresh the AWS session)\n',
    });
  });

  it('says what it could not read when one resource type is forbidden (403), and scans the rest', async () => {
    const { kubeconfig } = await serve({ forbidden: ['secrets', '/metrics'] });
    const run = await upshift(['cluster', '--kubeconfig', kubeconfig, '--target', '1.26', '-o', 'json']);
    expect(run.stderr).toBe(
      'upshift: partial scan of context "prod": could not list Helm release secrets: 403 Forbidden; read the API server metrics (GET /metrics): 403 Forbidden; findings about those objects are missing (grant the ClusterRole in deploy/cluster-role.yaml)\n',
    );
    const findings = JSON.parse(run.stdout).findings as Finding[];
    expect(findings.map((finding) => finding.id)).not.toContain('deprecated-api-called');
    // Without the release, the CronJob Helm created is still judged, as the cluster object it is.
    const cronJob = findings.find((finding) => finding.message.startsWith('CronJob shop/reports'));
    expect(cronJob?.origin).toMatchObject({ type: 'cluster', writtenBy: 'managedFields helm 2023-02-01T00:00:00Z' });
  });

  it('exits 1 naming the context and the request that timed out', async () => {
    const { kubeconfig } = await serve({ delays: { '/apis/apps/v1/deployments': 3000 } });
    const run = await upshift(['cluster', '--kubeconfig', kubeconfig, '--target', '1.26', '--request-timeout', '0.3']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^upshift: context "prod": list deployments\.apps timed out after 0\.3 s; the API server at http:\/\/127\.0\.0\.1:\d+ is slow or unreachable/);
  });

  it('exits 1 when the API server cannot be reached, or the context does not exist', async () => {
    const { kubeconfig } = await serve();
    await server!.close();
    server = undefined;
    const down = await upshift(['cluster', '--kubeconfig', kubeconfig, '--target', '1.26']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^upshift: context "prod": cannot reach the API server at http:\/\/127\.0\.0\.1:\d+ to read the server version \(GET \/version\) \(ECONNREFUSED\)/);
    const unknown = await upshift(['cluster', '--kubeconfig', kubeconfig, '--context', 'qa', '--target', '1.26']);
    expect(unknown).toMatchObject({ code: 1, stderr: `upshift: --context qa is not in the kubeconfig ${kubeconfig}; its contexts: prod, staging\n` });
  });

  it('reads a plain http:// server without insecure-skip-tls-verify, as kubectl does (kubectl proxy)', async () => {
    const { kubeconfig } = await serve();
    const plain = join(mkdtempSync(join(tmpdir(), 'upshift-proxy-')), 'config');
    writeFileSync(plain, readFileSync(kubeconfig, 'utf8').replace('    insecure-skip-tls-verify: true\n', ''));
    const run = await upshift(['cluster', '--kubeconfig', plain, '--target', '1.26', '--checks', 'api-removed', '-o', 'json']);
    expect([run.code, run.stderr]).toEqual([3, '']);
    expect(JSON.parse(run.stdout).current).toBe('1.21');
  });

  it('keeps the message on one line when the server answers with an HTML error page', async () => {
    const { kubeconfig } = await serve();
    const page = createServer((_request, response) => response.writeHead(404, { 'Content-Type': 'text/html' }).end('<html>\n  <body>\n    <h1>Not Found</h1>\n  </body>\n</html>\n'));
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    const pointed = join(mkdtempSync(join(tmpdir(), 'upshift-html-')), 'config');
    writeFileSync(pointed, readFileSync(kubeconfig, 'utf8').replace(server!.url, url));
    const run = await upshift(['cluster', '--kubeconfig', pointed, '--target', '1.26']);
    await new Promise((resolve) => page.close(resolve));
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'upshift: context "prod": read the server version (GET /version) failed with HTTP 404: <html> <body> <h1>Not Found</h1> </body> </html>\n' });
  });

  it('exits 1 naming an empty kubeconfig, without the library\'s TypeError', async () => {
    const empty = join(mkdtempSync(join(tmpdir(), 'upshift-empty-')), 'config');
    writeFileSync(empty, '');
    const run = await upshift(['cluster', '--kubeconfig', empty, '--target', '1.26']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `upshift: kubeconfig ${empty} is not a kubeconfig (expected a YAML mapping with clusters, contexts and users); fix the file or pass another with --kubeconfig\n` });
  });

  it('reports a Helm release secret that does not decode as input-invalid, and goes on', async () => {
    const estate = buildEstate();
    const broken = secret('shop', 'sh.helm.release.v1.broken.v3', { name: 'broken', owner: 'helm', status: 'deployed' }, Buffer.from('%%% not helm').toString('base64'));
    server = await startKubeApiServer({ gitVersion: 'v1.21.14', types: SERVED_1_21, objects: [...estate.objects, broken] });
    const run = await upshift(['cluster', '--kubeconfig', server.writeKubeconfig({ prod: undefined }), '--target', '1.26', '-o', 'json']);
    const invalid = (JSON.parse(run.stdout).findings as Finding[]).filter((finding) => finding.id === 'input-invalid');
    expect(invalid).toEqual([
      {
        id: 'input-invalid',
        severity: 'error',
        message: 'context "prod": Helm release secret shop/sh.helm.release.v1.broken.v3 cannot be decoded (the decoded release is not JSON); check it with helm history broken -n shop',
        origin: { type: 'helm-release', release: 'broken', namespace: 'shop' },
      },
    ]);
  });

  it('writes a snapshot that upshift check --snapshot turns into the same report, without secret data', async () => {
    const { kubeconfig } = await serve();
    const snapshot = join(mkdtempSync(join(tmpdir(), 'upshift-snap-')), 'prod.ndjson');
    const live = await upshift(['cluster', '--kubeconfig', kubeconfig, '--target', '1.26', '--snapshot', snapshot, '-o', 'json']);
    await server!.close();
    server = undefined;
    const replayed = await upshift(['check', '--snapshot', snapshot, '--target', '1.26', '-o', 'json']);
    expect(replayed.stderr).toBe('');
    expect(JSON.parse(replayed.stdout)).toEqual(JSON.parse(live.stdout));
    const text = readFileSync(snapshot, 'utf8');
    expect(text).not.toContain('"release":"H4s');
    expect(text).not.toContain('fieldsV1');
    expect(text).toContain('"kind":"CronJob"');
  });
});

describe('upshift cluster --eks', () => {
  async function withEks(denied?: string[]) {
    const { kubeconfig } = await serve();
    const eks = await startEksApiServer({ ...eksFixture(), denied });
    const env = { AWS_ENDPOINT_URL_EKS: eks.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    return { kubeconfig, eks, env };
  }

  it('adds add-ons EKS does not offer at a hop and Upgrade Insights, mapped to our ids', async () => {
    const { kubeconfig, eks, env } = await withEks();
    try {
      const run = await upshift(['cluster', '--kubeconfig', kubeconfig, '--eks', 'prod', '--target', '1.25', '--checks', 'addon-incompatible,deprecated-api-called', '-o', 'json'], env);
      expect(run.stderr).toBe('');
      const findings = (JSON.parse(run.stdout).findings as Finding[]).filter((finding) => finding.origin?.type === 'eks');
      expect(findings.map(({ id, message }) => ({ id, message }))).toEqual([
        {
          id: 'addon-incompatible',
          message: 'EKS add-on vpc-cni v1.10.4-eksbuild.1 is not offered for Kubernetes 1.23; update it to a version EKS supports there (default v1.12.6-eksbuild.2) before the 1.22→1.23 hop',
        },
        {
          id: 'deprecated-api-called',
          message:
            'EKS Upgrade Insights: clients still call /apis/policy/v1beta1/podsecuritypolicies, no longer served from 1.25; move them to /apis/policy/v1/podsecuritypolicies; callers: argocd-application-controller (1200 requests in 30 days)',
        },
      ]);
      expect(findings[0].origin).toEqual({ type: 'eks', cluster: 'prod', region: 'us-east-1', arn: 'arn:aws:eks:us-east-1:111122223333:cluster/prod' });
      expect(eks.requests).toContain('GET /addons/supported-versions?addonName=vpc-cni&kubernetesVersion=1.23');
      expect(eks.requests).not.toContain('GET /clusters/prod/insights/ins-health');
    } finally {
      await eks.close();
    }
  });

  it('exits 1 naming the cluster and the EKS operation that was refused', async () => {
    const { kubeconfig, eks, env } = await withEks(['DescribeCluster']);
    try {
      const run = await upshift(['cluster', '--kubeconfig', kubeconfig, '--eks', 'prod', '--target', '1.25'], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^upshift: EKS cluster "prod" \(us-east-1\): not allowed to call eks:DescribeCluster \(403 User: arn:aws:iam::111122223333:user\/ci is not authorized/);
    } finally {
      await eks.close();
    }
  });
});

describe('upshift merge', () => {
  it('combines clusters’ JSON reports into one fleet view, and names a file that is not a report', async () => {
    const { kubeconfig } = await serve();
    const directory = mkdtempSync(join(tmpdir(), 'upshift-fleet-'));
    const prod = await upshift(['cluster', '--kubeconfig', kubeconfig, '--context', 'prod', '--target', '1.26', '-o', 'json']);
    const staging = await upshift(['cluster', '--kubeconfig', kubeconfig, '--context', 'staging', '--target', '1.26', '-o', 'json']);
    writeFileSync(join(directory, 'prod.json'), prod.stdout);
    writeFileSync(join(directory, 'staging.json'), staging.stdout);
    const merged = await upshift(['merge', join(directory, 'prod.json'), join(directory, 'staging.json'), '-o', 'json']);
    const report = JSON.parse(merged.stdout);
    expect(merged.code).toBe(3);
    expect(report.findings).toHaveLength(JSON.parse(prod.stdout).findings.length * 2);
    expect(new Set(report.findings.map((finding: Finding & { origin: { context?: string } }) => finding.origin.context).filter(Boolean))).toEqual(new Set(['prod', 'staging']));
    writeFileSync(join(directory, 'notes.txt'), 'hello');
    const bad = await upshift(['merge', join(directory, 'prod.json'), join(directory, 'notes.txt')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`upshift: ${join(directory, 'notes.txt')}: not JSON`);
  });
});
