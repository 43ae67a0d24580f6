// The command-line contract (CLI.md): stdout, stderr and exit codes of real runs of the
// built binary on real files.
import { describe, expect, it } from 'vitest';
import { runUpshift } from './support/run-upshift.js';

const FIXTURES = 'test/fixtures/cli';


const upshift = (args: string[], stdin?: string) => runUpshift(args, { stdin });

describe('exit codes', () => {
  it('0 when nothing reaches --fail-on', async () => {
    const run = await upshift(['check', `${FIXTURES}/clean.yaml`, '--target', '1.34']);
    expect(run).toEqual({ code: 0, stdout: 'upshift: eks → 1.34\n\nNo findings: no check reported anything for eks 1.34.\nknowledge dated 2026-11-01\n', stderr: '' });
  });

  it('0 for warnings under the default --fail-on error, 2 with --fail-on warning', async () => {
    const relaxed = await upshift(['check', `${FIXTURES}/deprecated.yaml`, '--target', '1.34', '-o', 'json']);
    expect(relaxed.code).toBe(0);
    expect(JSON.parse(relaxed.stdout).summary).toEqual({ error: 0, warning: 1, info: 0 });
    const strict = await upshift(['check', `${FIXTURES}/deprecated.yaml`, '--target', '1.34', '--fail-on', 'warning', '-o', 'json']);
    expect(strict.code).toBe(2);
  });

  it('3 for errors, and 0 with --fail-on none', async () => {
    expect((await upshift(['check', `${FIXTURES}/removed.yaml`, '--target', '1.22', '-o', 'json'])).code).toBe(3);
    expect((await upshift(['check', `${FIXTURES}/removed.yaml`, '--target', '1.22', '--fail-on', 'none', '-o', 'json'])).code).toBe(0);
  });

  it('3 for a file that does not parse, located at its line', async () => {
    const run = await upshift(['check', `${FIXTURES}/broken.yaml`, '--target', '1.34', '-o', 'json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).findings).toEqual([
      {
        id: 'input-invalid',
        severity: 'error',
        message: 'test/fixtures/cli/broken.yaml:6:8: invalid YAML: Nested mappings are not allowed in compact mappings; fix the syntax (kubectl would reject this file too)',
        origin: { type: 'file', path: 'test/fixtures/cli/broken.yaml', line: 6, column: 8 },
      },
    ]);
  });

  it.each([
    [['check', `${FIXTURES}/clean.yaml`, '--bogus'], "error: unknown option '--bogus'"],
    [['check', `${FIXTURES}/clean.yaml`, '--target', 'latest'], 'upshift: --target "latest" is not a Kubernetes version; expected a form like 1.31, v1.31 or 1.31.2'],
    [['check', `${FIXTURES}/clean.yaml`, '--target', '1.28', '--current', '1.30'], 'upshift: --current 1.30 is newer than --target 1.28; upshift plans upgrades, not downgrades'],
    [['check', 'no/such/dir'], 'upshift: path "no/such/dir" does not exist; give a file or directory of manifests, or -f - for stdin'],
    [['check'], 'upshift: nothing to scan: give a PATH (file or directory), or -f FILE, or -f - for standard input'],
    [['check', '--data', `${FIXTURES}/clean.yaml`, FIXTURES], `upshift: nothing to scan: give a PATH (file or directory), or -f FILE, or -f - for standard input; --data took every argument after it (${FIXTURES}/clean.yaml, ${FIXTURES}) as a knowledge file: give the PATH before --data`],
    [['check', `${FIXTURES}/clean.yaml`, '--checks', 'api-gone'], 'upshift: unknown check id "api-gone"; known ids: api-removed,'],
    [['check', `${FIXTURES}/clean.yaml`, '-o', 'pdf'], "error: option '-o, --output <format>' argument 'pdf' is invalid. Allowed choices are table, wide, json, yaml, markdown, csv, sarif, junit, html."],
    [['check', `${FIXTURES}/clean.yaml`, '--data', `${FIXTURES}/bad-data.yaml`], `upshift: knowledge file ${FIXTURES}/bad-data.yaml: apis[0] (example.com/v1beta1 Widget): deprecatedIn: expected a quoted "MAJOR.MINOR" version such as "1.22"`],
  ])('1 for a usage error: %j', async (args, message) => {
    const run = await upshift(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('check', () => {
  it('prints the JSON schema of CLI.md, hop-aware', async () => {
    const run = await upshift(['check', `${FIXTURES}/removed.yaml`, '--current', '1.19', '--target', 'v1.22.4', '-o', 'json', '--skip-checks', 'support-ending,support-ended']);
    const report = JSON.parse(run.stdout);
    expect(report).toEqual({
      tool: { name: 'upshift', version: '0.1.0' },
      platform: 'eks',
      current: '1.19',
      target: '1.22',
      findings: [
        {
          id: 'api-removed',
          severity: 'error',
          message: 'Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19); migrate before the 1.21→1.22 hop',
          resource: { apiVersion: 'extensions/v1beta1', kind: 'Ingress', namespace: 'shop', name: 'web' },
          origin: { type: 'file', path: 'test/fixtures/cli/removed.yaml', line: 11, column: 1 },
          details: expect.objectContaining({ deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1', replacementAvailableIn: '1.19', hop: '1.21→1.22' }),
        },
      ],
      summary: { error: 1, warning: 0, info: 0 },
      knowledgeDate: '2026-11-01',
    });
  });

  it('says at which hops to migrate when the replacement is newer than the current version', async () => {
    const run = await upshift(['check', `${FIXTURES}/removed.yaml`, '--current', '1.16', '--target', '1.22', '-o', 'json', '--skip-checks', 'support-ending,support-ended']);
    const ids = JSON.parse(run.stdout).findings.map((f: { id: string; message: string }) => [f.id, f.message]);
    expect(ids).toEqual([
      ['api-removed', 'Ingress shop/web uses extensions/v1beta1, removed in 1.22; use networking.k8s.io/v1 (served since 1.19); migrate before the 1.21→1.22 hop'],
      ['api-replacement-unavailable', 'Ingress shop/web: networking.k8s.io/v1 is not served at the current 1.16 (only from 1.19); migrate it after the 1.18→1.19 hop and before the 1.21→1.22 hop'],
    ]);
  });

  it('reads standard input with -f -', async () => {
    const run = await upshift(['check', '-f', '-', '--target', '1.25', '-o', 'csv'], 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: db\n  namespace: data\n');
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n')[1]).toMatch(/^error,api-removed,PodDisruptionBudget,data,db,policy\/v1beta1,file,stdin,1,1,/);
  });

  it('takes extra knowledge rows with --data', async () => {
    const run = await upshift(['check', `${FIXTURES}/widget.yaml`, '--target', '1.33', '--data', `${FIXTURES}/extra-data.yaml`, '-o', 'json']);
    expect(JSON.parse(run.stdout).findings.map((f: { message: string }) => f.message)).toEqual([
      'FeatureFlag new-checkout uses platform.acme.io/v1alpha1, removed in 1.33; use platform.acme.io/v1 (served since 1.29)',
    ]);
  });

  it('filters with --checks and --skip-checks', async () => {
    const only = await upshift(['check', `${FIXTURES}/removed.yaml`, `${FIXTURES}/deprecated.yaml`, '--target', '1.34', '--checks', 'api-deprecated', '-o', 'json']);
    expect(JSON.parse(only.stdout).findings.map((f: { id: string }) => f.id)).toEqual(['api-deprecated']);
    const skipped = await upshift(['check', `${FIXTURES}/removed.yaml`, '--target', '1.34', '--skip-checks', 'api-removed', '-o', 'json']);
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).findings).toEqual([]);
    const contradictory = await upshift(['check', `${FIXTURES}/removed.yaml`, '--target', '1.34', '--checks', 'api-removed,api-deprecated', '--skip-checks', 'api-removed']);
    expect(contradictory).toEqual({ code: 1, stdout: '', stderr: 'upshift: --checks and --skip-checks both name api-removed, which would check nothing for it; keep it in one of them\n' });
  });

  it.each([['1.99'], ['1.0'], ['1.44']])('refuses --target %s, outside the versions the knowledge base knows', async (target) => {
    const run = await upshift(['check', `${FIXTURES}/removed.yaml`, '--target', target, '-o', 'json']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `upshift: --target ${target} is outside the versions the knowledge base knows, 1.2 to 1.43 (API lifecycles 1.2 to 1.43, the eks support calendar 1.21 to 1.36; knowledge dated 2026-11-01); give a version in that range, update upshift, or add rows for ${target} with --data\n`,
    });
  });

  it('says once, on stderr and in the JSON notes, when --target is past the support calendar', async () => {
    const run = await upshift(['check', `${FIXTURES}/removed.yaml`, '--target', '1.40', '-o', 'json']);
    const note = '--target 1.40 is newer than the newest eks version the support calendar lists (1.36, knowledge dated 2026-11-01): its support dates, add-on support and skew rules are not known, and API removals after 1.36 only as forecasts; update upshift or add rows with --data';
    expect(run.stderr).toContain(`upshift: note: ${note}\n`);
    expect(JSON.parse(run.stdout).notes).toEqual([note]);
    const known = await upshift(['check', `${FIXTURES}/removed.yaml`, '--target', '1.36', '-o', 'json']);
    expect(known.stderr).not.toContain('note:');
    expect(JSON.parse(known.stdout).notes).toBeUndefined();
  });

  it('answers as kubectl-upshift too', async () => {
    const pkg = await import('../package.json', { with: { type: 'json' } });
    expect(pkg.default.bin).toEqual({ upshift: 'bin/upshift.js', 'kubectl-upshift': 'bin/upshift.js' });
  });
});

describe('versions', () => {
  it('prints the EKS calendar of a given day as JSON (CLI.md)', async () => {
    const run = await upshift(['versions', '--at', '2026-11-21', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ platform: 'eks', at: '2026-11-21', knowledgeDate: '2026-11-01' });
    expect(report.versions.find((v: { version: string }) => v.version === '1.31')).toEqual({
      version: '1.31', status: 'extended', releaseDate: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26', daysLeft: 5, forecast: false, monthlyCost: 438,
    });
  });

  it('prints a table with costs and the end-of-support action', async () => {
    const run = await upshift(['versions', '--at', '2026-11-21']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('upshift: eks support calendar on 2026-11-21 (knowledge dated 2026-11-01)');
    expect(lines[2]).toBe('VERSION  STATUS    RELEASED    END OF STANDARD  END OF EXTENDED  DAYS LEFT  COST/MONTH');
    expect(lines).toContain('1.34     standard  2025-10-02  2026-12-02       2027-12-02       11         $73.00');
    expect(lines).toContain('1.31     extended  2024-09-26  2025-11-26       2026-11-26       5          $438.00');
    expect(lines).toContain('Cost per cluster: $73.00/month in standard support, $438.00/month in extended support (730 h/month; https://aws.amazon.com/eks/pricing/)');
  });

  it.each([
    [['versions', '--at', '2026-02-30'], 'upshift: --at "2026-02-30" is not a calendar date; expected YYYY-MM-DD, e.g. 2026-11-21'],
    [['versions', '--platform', 'gke'], "error: option '--platform <platform>' argument 'gke' is invalid. Allowed choices are eks, kubernetes."],
    [['versions', '--data', 'test/fixtures/addons/bad-addon.yaml'], 'upshift: knowledge file test/fixtures/addons/bad-addon.yaml: addons[0] (acme-gateway): compatibility.0.versions:'],
  ])('1 for a usage error: %j', async (args, message) => {
    const run = await upshift(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});

describe('check with add-ons', () => {
  it('lists each add-on with the hop at which it must move, and fails with 3', async () => {
    const run = await upshift(['check', 'test/fixtures/addons/platform.yaml', '--current', '1.28', '--target', '1.29', '--checks', 'addon-upgrade-first', '-o', 'csv']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').slice(1, 3)).toEqual([
      'error,addon-upgrade-first,Deployment,kube-system,cluster-autoscaler,apps/v1,file,test/fixtures/addons/platform.yaml,1,1,cluster-autoscaler 1.26.4 supports Kubernetes only 1.26 (it does not support the current 1.28 either) and must run the same minor as the control plane: upgrade it to 1.28.x before the 1.28→1.29 control-plane hop; then to 1.29.x right after 1.28→1.29,',
      'error,addon-upgrade-first,Deployment,ingress-nginx,ingress-nginx-controller,apps/v1,file,test/fixtures/addons/platform.yaml,32,1,ingress-nginx 1.8.1 supports Kubernetes 1.24 to 1.27 (it does not support the current 1.28 either): upgrade it to 1.9.6 or later (recommended 1.12.x) before the 1.28→1.29 control-plane hop,',
    ]);
  });
});

describe('check on infrastructure code', () => {
  const TF = 'examples/estate/infra/terraform';

  it('--inventory prints the environments found, in CLI.md shape', async () => {
    const run = await upshift(['check', TF, '--env', 'work', '--inventory']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('upshift: current version 1.28 read from examples/estate/infra/terraform/env-vars/work.tfvars:3 (environment work, the lowest found); pass --current to override\n');
    const [work] = JSON.parse(run.stdout).environments;
    expect(work.name).toBe('work');
    expect(work.origin).toEqual({ type: 'terraform', path: `${TF}/env-vars/work.tfvars`, line: 3, env: 'work', address: 'module.eks' });
    expect(work.clusterVersion).toBe('1.28');
    expect(work.nodeGroups.map((group: Record<string, unknown>) => [group.name, group.version, group.amiType, group.maxUnavailable])).toEqual([
      ['general-1-28', '1.28', 'AL2_x86_64', '33%'],
      ['batch-1-28', '1.28', 'AL2_x86_64', 1],
    ]);
    expect(work.addons.map((addon: Record<string, unknown>) => `${addon.via} ${addon.name} ${addon.version}`)).toEqual([
      'eks-addon vpc-cni v1.15.0-eksbuild.2',
      'eks-addon coredns v1.10.1-eksbuild.2',
      'eks-addon kube-proxy v1.28.1-eksbuild.1',
      'eks-addon aws-ebs-csi-driver v1.22.0-eksbuild.2',
      'helm-release cluster-autoscaler 9.29.0',
      'helm-release aws-load-balancer-controller 1.4.2',
      'helm-release ingress-nginx 4.7.1',
      'helm-release metrics-server 3.10.0',
    ]);
  });

  it('takes the current version from the lowest environment, says so, and notes node groups behind their control plane', async () => {
    const run = await upshift(['check', TF, '--target', '1.33', '-o', 'json']);
    expect(run.code).toBe(3);
    expect(run.stderr.split('\n')).toEqual([
      'upshift: current version 1.28 read from examples/estate/infra/terraform/env-vars/lab.tfvars:3 (environment lab, the lowest found); pass --current to override',
      'upshift: note: staging-2: node group general-1-27 runs 1.27 while the control plane runs 1.28 (examples/estate/infra/terraform/main.tf:85)',
      'upshift: note: staging-2: node group batch-1-27 runs 1.27 while the control plane runs 1.28 (examples/estate/infra/terraform/main.tf:104)',
      '',
    ]);
    const report = JSON.parse(run.stdout);
    expect([report.current, report.currentFrom]).toEqual(['1.28', { environment: 'lab', origin: { type: 'terraform', path: `${TF}/env-vars/lab.tfvars`, line: 3, env: 'lab', address: 'module.eks' } }]);
    expect(report.findings.filter((f: { id: string }) => f.id === 'tf-resource-deprecated').map((f: { origin: { line: number; address: string } }) => `${f.origin.line} ${f.origin.address}`)).toEqual([
      '14 kubernetes_ingress.backoffice',
      '40 kubernetes_pod_disruption_budget.coredns',
      '56 kubernetes_cron_job.velero_backup_report',
      '89 kubernetes_horizontal_pod_autoscaler_v2beta2.coredns',
    ]);
  });

  it('reports malformed HCL as input-invalid and goes on', async () => {
    const run = await upshift(['check', 'test/fixtures/terraform/broken', '--target', '1.33', '-o', 'json']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).findings).toEqual([
      {
        id: 'input-invalid',
        severity: 'error',
        message: 'test/fixtures/terraform/broken/main.tf:1:1: invalid HCL: this block is never closed (no matching "}" before the end of the file); fix the syntax (terraform validate reports the same error)',
        origin: { type: 'terraform', path: 'test/fixtures/terraform/broken/main.tf', line: 1, column: 1 },
      },
    ]);
  });

  it('runs every check on the objects kubernetes_manifest creates, located at their resource', async () => {
    const run = await upshift(['check', 'test/fixtures/terraform/manifests', '--current', '1.28', '--target', '1.33', '--skip-checks', 'support-ended', '-o', 'csv']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    const at = 'terraform,test/fixtures/terraform/manifests/main.tf';
    expect(run.stdout.split('\n').slice(1).map((row) => row.split(',"')[0])).toEqual([
      `error,pdb-blocks-eviction,PodDisruptionBudget,shop,api,policy/v1,${at},29,`,
      `error,bare-pod,Pod,shop,debug,v1,${at},44,`,
      `error,api-removed,Ingress,shop,api,extensions/v1beta1,${at},58,`,
      `warning,zone-spread-missing,Deployment,shop,api,apps/v1,${at},8,`,
      `info,liveness-probe-missing,Deployment,shop,api,apps/v1,${at},8,`,
      `info,liveness-probe-missing,Pod,shop,debug,v1,${at},44,`,
      `info,liveness-probe-missing,Deployment,shop,worker,apps/v1,${at},76,`,
      '',
    ]);
  });

  it('1 for an --env that names no environment', async () => {
    const run = await upshift(['check', TF, '--env', 'nope']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'upshift: --env nope: no such environment in the scanned Terraform, eksctl or CloudFormation files, Helm values files or Kustomize overlays\n' });
  });
});

describe('PATHs of the commands without standard input', () => {
  it.each([
    [['fix', 'no/such/dir'], 'upshift: path "no/such/dir" does not exist; give a file or directory of manifests'],
    [['plan', 'no/such/dir', '--current', '1.28'], 'upshift: path "no/such/dir" does not exist; give a file or directory of manifests'],
    [['simulate', 'no/such/dir'], 'upshift: path "no/such/dir" does not exist; give a file or directory of manifests'],
    [['fix', `${FIXTURES}/removed.yaml`, '-'], 'upshift: fix does not read standard input; give files or directories as PATHs'],
    [['plan', '-', '--current', '1.28'], 'upshift: plan does not read standard input; give files or directories as PATHs'],
    [['simulate', '-'], 'upshift: simulate does not read standard input; give files or directories as PATHs'],
  ])('exits 1 without offering -f, which only check has: %j', async (args, message) => {
    expect(await upshift(args)).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
  });
});

describe('a directory without manifests', () => {
  it('says on stderr that nothing was scanned, so a wrong path does not pass unnoticed', async () => {
    const run = await upshift(['check', `${FIXTURES}/no-manifests`, '--target', '1.34']);
    expect(run).toEqual({
      code: 0,
      stdout: 'upshift: eks → 1.34\n\nNo findings: no check reported anything for eks 1.34.\nknowledge dated 2026-11-01\n',
      stderr: `upshift: note: nothing was scanned: no .yaml, .yml or .json manifest, Helm chart, kustomization or Terraform file in ${FIXTURES}/no-manifests; check the path (and --exclude)\n`,
    });
  });
});

describe('--help', () => {
  it.each([
    ['check', '--component-version <name=ver...>'],
    ['cluster', '--kubeconfig <file>'],
    ['fix', '--write'],
    ['plan', '--strategy <name>'],
    ['simulate', '--max-unavailable <n|p%>'],
    ['versions', '--at <YYYY-MM-DD>'],
    ['merge', '--fail-on <level>'],
  ])('%s lists its flags within 80 columns', async (command, flag) => {
    const run = await upshift([command, '--help']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(flag);
    expect(run.stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
  });
});
