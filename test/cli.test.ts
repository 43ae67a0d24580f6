// The command-line contract (CLI.md): stdout, stderr and exit codes of real runs of the
// built binary on real files.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = 'test/fixtures/cli';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function upshift(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['bin/upshift.js', ...args], { cwd: ROOT, env: { ...process.env, CI: 'true', NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
    child.stdin!.end(stdin ?? '');
  });
}

describe('exit codes', () => {
  it('0 when nothing reaches --fail-on', async () => {
    const run = await upshift(['check', `${FIXTURES}/clean.yaml`, '--target', '1.34']);
    expect(run).toEqual({ code: 0, stdout: 'upshift: eks → 1.34\n\nNo findings: no check reported anything for eks 1.34.\n', stderr: '' });
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
    const run = await upshift(['check', `${FIXTURES}/removed.yaml`, '--current', '1.19', '--target', 'v1.22.4', '-o', 'json']);
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
    });
  });

  it('says at which hops to migrate when the replacement is newer than the current version', async () => {
    const run = await upshift(['check', `${FIXTURES}/removed.yaml`, '--current', '1.16', '--target', '1.22', '-o', 'json']);
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
  });

  it('answers as kubectl-upshift too', async () => {
    const pkg = await import('../package.json', { with: { type: 'json' } });
    expect(pkg.default.bin).toEqual({ upshift: 'bin/upshift.js', 'kubectl-upshift': 'bin/upshift.js' });
  });
});
