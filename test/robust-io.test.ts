// Ordinary use that must not break (issue 15, item 4): a reader that closes the pipe early,
// inputs of any size and length, empty input, paths outside the working directory, --env,
// versions and --data files the knowledge base cannot use. Real runs of the built binary.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runUpshift } from './support/run-upshift.js';

const FIXTURES = 'test/fixtures/cli';
const ENV = { ...process.env, CI: 'true', NO_COLOR: '1' };
const temp = mkdtempSync(join(tmpdir(), 'upshift-robust-io-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));


const upshift = (args: string[], stdin = '', cwd = ROOT) => runUpshift(args, { stdin, cwd });

/** A run whose reader has gone before it prints anything, as `upshift ... | head` once head has its lines. */
function upshiftIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/upshift.js', ...args], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed standard output', () => {
  const merged = join(temp, 'report.json');
  writeFileSync(merged, JSON.stringify({ tool: { name: 'upshift', version: '0.1.0' }, platform: 'eks', target: '1.34', findings: [], summary: { error: 0, warning: 0, info: 0 } }));

  it.each([
    [['check', `${FIXTURES}/removed.yaml`, '--target', '1.22', '-o', 'json'], 3],
    [['check', `${FIXTURES}/removed.yaml`, '--target', '1.22'], 3],
    [['check', `${FIXTURES}/clean.yaml`, '--target', '1.34', '-o', 'html'], 0],
    [['plan', `${FIXTURES}/removed.yaml`, '--current', '1.21', '--target', '1.23', '--fail-on', 'none'], 0],
    [['fix', `${FIXTURES}/removed.yaml`, '--target', '1.22', '-q'], 0],
    [['simulate', 'test/fixtures/cli/clean.yaml'], 0],
    [['versions', '--at', '2026-11-21'], 0],
    [['merge', merged], 0],
  ])('ends %j quietly, with the exit code of the run', async (args, code) => {
    expect(await upshiftIntoClosedPipe(args as string[])).toEqual({ code, stderr: '' });
  });
});

describe('a closed standard error', () => {
  it('loses only the messages: the results still go to stdout', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/upshift.js', 'check', '-f', '-', '--target', '1.34', '-o', 'json'], { cwd: ROOT, env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
      child.stderr.destroy();
      child.stdin.end('');
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).notes).toEqual(['standard input is empty, so nothing was read from it; did the command that feeds it (helm template, kustomize build) fail?']);
  });
});

describe('a slow reader', () => {
  // The report is written a piece at a time, waiting whenever the pipe is full (cli/common.ts):
  // a reader that stops for a while must still get every byte, in order, as a file would.
  it('gets the whole report, the same as written to a file', async () => {
    const manifests = Array.from({ length: 400 }, (_, index) => `apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web-${index}\n  namespace: shop\n`);
    const file = join(temp, 'slow-reader.yaml');
    writeFileSync(file, manifests.join('---\n'));
    const args = ['check', file, '--target', '1.34', '--current', '1.28', '-o', 'json'];
    const written = await upshift(args);
    const read = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/upshift.js', ...args], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'ignore'] });
      const chunks: Buffer[] = [];
      child.stdout.pause();
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      setTimeout(() => child.stdout.resume(), 500);
      child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') }));
    });
    expect(written.stdout.length).toBeGreaterThan(4 * 65_536);
    expect(JSON.parse(written.stdout).findings.filter((finding: { id: string }) => finding.id === 'api-removed')).toHaveLength(400);
    expect(read).toEqual({ code: 3, stdout: written.stdout });
  });
});

describe('inputs of any size and length', () => {
  it('reads a file of 200,000 documents', async () => {
    const documents = Array.from({ length: 200_000 }, (_, index) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${index}\ndata:\n  key: value-${index}\n`);
    documents.push('apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: last\n');
    const file = join(temp, 'many-documents.yaml');
    writeFileSync(file, documents.join('---\n'));
    // Without --current, every resource waits for the infrastructure's version: one array of 200,001.
    const run = await upshift(['check', file, '--target', '1.36', '--checks', 'api-removed', '-o', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).findings.map((finding: { origin: object }) => finding.origin)).toEqual([{ type: 'file', path: file, line: 1_400_001, column: 1 }]);
  });

  it('reads a YAML kind: List of 150,000 items, each at its own line', async () => {
    const items = Array.from({ length: 150_000 }, (_, index) => `- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: d-${index}\n  spec:\n    replicas: 2\n`);
    items.push('- apiVersion: extensions/v1beta1\n  kind: Ingress\n  metadata:\n    name: last\n');
    const file = join(temp, 'list.yaml');
    writeFileSync(file, `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`);
    const run = await upshift(['check', file, '--target', '1.36', '--checks', 'api-removed', '-o', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).findings.map((finding: { origin: object }) => finding.origin)).toEqual([{ type: 'file', path: file, line: 4 + 150_000 * 6, column: 3 }]);
  });

  it('reads a JSON List of 150,000 items, each at its own line', async () => {
    const items: object[] = Array.from({ length: 150_000 }, (_, index) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s-${index}` } }));
    items.push({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'last' } });
    const file = join(temp, 'list.json');
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 1));
    const run = await upshift(['check', file, '--target', '1.36', '--checks', 'api-removed', '-o', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    // `{`, apiVersion, kind, `"items": [`, then 7 lines per item, each opening at column 3.
    expect(JSON.parse(run.stdout).findings.map((finding: { origin: object }) => finding.origin)).toEqual([{ type: 'file', path: file, line: 5 + 150_000 * 7, column: 3 }]);
  });
});

describe('a scan that reads nothing', () => {
  const stdinNote = 'standard input is empty, so nothing was read from it; did the command that feeds it (helm template, kustomize build) fail?';

  it('says so on stderr and in the JSON notes when standard input is empty', async () => {
    const run = await upshift(['check', '-f', '-', '--target', '1.34', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`upshift: note: ${stdinNote}\n`);
    expect(JSON.parse(run.stdout).notes).toEqual([stdinNote]);
  });

  it('exits 1 with --fail-on-empty, saying why even under -q', async () => {
    for (const quiet of [[], ['-q']]) {
      const run = await upshift(['check', '-f', '-', '--target', '1.34', '--fail-on-empty', ...quiet], ' \n');
      expect(run).toEqual({
        code: 1,
        stdout: 'upshift: eks → 1.34\n\nNo findings: no check reported anything for eks 1.34.\nknowledge dated 2026-11-01\n',
        stderr: `upshift: ${stdinNote} (--fail-on-empty)\n`,
      });
    }
  });

  it('says so when the files hold no Kubernetes object, and only then', async () => {
    const file = join(temp, 'values.yaml');
    writeFileSync(file, 'replicaCount: 2\nimage:\n  tag: "1.2"\n');
    const note = `no Kubernetes object was read from ${file}: no document has both apiVersion and kind, and no cluster, add-on or chart was found; check that these are the manifests to scan`;
    const empty = await upshift(['check', file, '--target', '1.34', '-o', 'json', '--fail-on-empty']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(`upshift: ${note} (--fail-on-empty)\n`);
    expect(JSON.parse(empty.stdout).notes).toEqual([note]);
    const fromStdin = await upshift(['check', '-f', '-', '--target', '1.34', '-o', 'json'], 'just: text\n');
    expect(JSON.parse(fromStdin.stdout).notes).toEqual([note.replace(file, 'standard input')]);
    const read = await upshift(['check', `${FIXTURES}/clean.yaml`, '--target', '1.34', '--fail-on-empty', '-o', 'json']);
    expect(read.code).toBe(0);
    expect(read.stderr).toBe('');
    expect(JSON.parse(read.stdout).notes).toBeUndefined();
  });
});

describe('a template that is not a Helm chart', () => {
  it('is one located input-invalid naming the placeholder, with no library warning on stderr, and the note says the input could not be read', async () => {
    const file = join(temp, 'controller-template.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: etcd-{{cell}}\nspec:\n  replicas: {{replicas}}\n');
    const run = await upshift(['check', file, '--target', '1.34', '-o', 'json']);
    const note = `no Kubernetes object was read from ${file}: an input could not be read (see the input-invalid finding)`;
    expect([run.code, run.stderr]).toEqual([3, `upshift: note: ${note}\n`]);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((finding: { id: string; message: string; origin: object }) => [finding.id, finding.message, finding.origin])).toEqual([
      [
        'input-invalid',
        `${file}:6:14: invalid YAML: a mapping key is itself a mapping ({replicas}); if this file is a template with {{ }} placeholders, render it and scan the output; fix the syntax (kubectl would reject this file too)`,
        { type: 'file', path: file, line: 6, column: 14 },
      ],
    ]);
    expect(report.notes).toEqual([note]);
  });
});

describe('paths', () => {
  it('are relative under the working directory and absolute outside it', async () => {
    const outside = join(temp, 'outside.yaml');
    writeFileSync(outside, 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: away\n');
    const run = await upshift(['check', outside, join(ROOT, FIXTURES, 'removed.yaml'), '--target', '1.22', '--checks', 'api-removed', '-o', 'json']);
    const paths = JSON.parse(run.stdout).findings.map((finding: { origin: { path: string } }) => finding.origin.path);
    expect(new Set(paths)).toEqual(new Set([outside, `${FIXTURES}/removed.yaml`]));
    const table = await upshift(['check', outside, '--target', '1.22', '--checks', 'api-removed']);
    expect(table.stdout).toContain(`${outside}:1`);
    expect(table.stdout).not.toContain('../');
  });
});

describe('--env', () => {
  it('keeps only the findings of the named environments and those bound to none', async () => {
    const all = JSON.parse((await upshift(['check', 'examples/estate', '-o', 'json'])).stdout);
    const boundTo = (finding: { origin?: { env?: string }; details?: { env?: string } }) => finding.origin?.env ?? finding.details?.env;
    expect(new Set(all.findings.map(boundTo))).toContain('dev');
    const production = await upshift(['check', 'examples/estate', '--env', 'production', '-o', 'json']);
    const kept = JSON.parse(production.stdout).findings;
    expect(new Set(kept.map(boundTo))).toEqual(new Set([undefined, 'production']));
    // Without --env a problem several environments share is one finding listing them; with it, production's own.
    type Located = { id: string; origin?: { path?: string; line?: number; env?: string }; details?: { env?: string }; environments?: string[] };
    const place = (finding: Located) => `${finding.id} ${finding.origin?.path}:${finding.origin?.line}`;
    const concernsProduction = (finding: Located) => boundTo(finding) === 'production' || Boolean(finding.environments?.includes('production'));
    expect(kept.filter((finding: Located) => boundTo(finding) === 'production').map(place).sort()).toEqual(all.findings.filter(concernsProduction).map(place).sort());
    expect(kept.filter((finding: Located) => finding.environments?.some((name) => name !== 'production'))).toEqual([]);
    const two = JSON.parse((await upshift(['check', 'examples/estate', '--env', 'production,dev', '-o', 'json'])).stdout).findings;
    expect(new Set(two.map(boundTo))).toEqual(new Set([undefined, 'production', 'dev']));
  });

  it('names the environments of Helm values files and Kustomize overlays too', async () => {
    const all = JSON.parse((await upshift(['check', 'test/fixtures/charts/web', '--target', '1.34', '-o', 'json'])).stdout).findings;
    const prod = JSON.parse((await upshift(['check', 'test/fixtures/charts/web', '--target', '1.34', '--env', 'prod', '-o', 'json'])).stdout).findings;
    // One finding per place lists the environments it holds in; with --env prod, each is prod's own.
    type Located = { id: string; resource?: { name?: string }; origin: { path: string; line: number; env?: string }; environments?: string[] };
    const environmentsOf = (finding: Located) => finding.environments ?? [finding.origin.env];
    const place = (finding: Located) => `${finding.id} ${finding.origin.path}:${finding.origin.line} ${finding.resource?.name ?? ''}`;
    expect(new Set(all.flatMap(environmentsOf))).toEqual(new Set(['prod', 'staging', undefined]));
    expect(prod.map(place)).toEqual(all.filter((finding: Located) => !environmentsOf(finding).every((name) => name === 'staging')).map(place));
    expect(new Set(prod.flatMap(environmentsOf))).toEqual(new Set(['prod', undefined]));
    const unknown = await upshift(['check', 'test/fixtures/charts/web', '--target', '1.34', '--env', 'qa']);
    expect(unknown).toEqual({
      code: 1,
      stdout: '',
      stderr: 'upshift: --env qa: no such environment in the scanned Terraform, eksctl or CloudFormation files, Helm values files or Kustomize overlays; found: prod, staging\n',
    });
  });
});

describe('--target', () => {
  it('is a usage error outside the known versions for every command that takes it, until --data adds the version', async () => {
    const message = 'upshift: --target 1.44 is outside the versions the knowledge base knows, 1.2 to 1.43';
    for (const command of ['check', 'plan', 'fix']) {
      const run = await upshift([command, `${FIXTURES}/removed.yaml`, '--target', '1.44']);
      expect(run.code, command).toBe(1);
      expect(run.stderr, command).toContain(message);
    }
    const calendar = join(temp, 'eks-1.44.yaml');
    writeFileSync(
      calendar,
      'platforms:\n  eks:\n    versions:\n      - version: "1.44"\n        releaseDate: "2029-10-01"\n        endOfStandardSupport: "2030-12-01"\n        endOfExtendedSupport: "2031-12-01"\n        forecast: true\n        source: "https://example.com/eks-1.44"\n',
    );
    const planned = await upshift(['check', `${FIXTURES}/clean.yaml`, '--target', '1.44', '--data', calendar, '-o', 'json']);
    expect(planned.stderr).toBe('');
    expect(JSON.parse(planned.stdout).target).toBe('1.44');
  });
});

describe('--data', () => {
  it('refuses a file that adds no row, naming it and the schema it expects', async () => {
    const pluto = join(temp, 'versions.yaml');
    writeFileSync(pluto, 'deprecated-versions:\n- version: extensions/v1beta1\n  kind: Ingress\n  deprecated-in: v1.14.0\n  removed-in: v1.22.0\n  replacement-api: networking.k8s.io/v1\ntarget-versions:\n  k8s: v1.22.0\n');
    const run = await upshift(['check', `${FIXTURES}/clean.yaml`, '--target', '1.34', '--data', pluto]);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `upshift: knowledge file ${pluto} adds no row (its top-level keys: deprecated-versions, target-versions): upshift reads rows under apis, fields, addons, platforms.eks.versions, platforms.kubernetes.versions, nodes and drain, the schema of its data/*.yaml files (see "The knowledge base, and how to extend it" in the README)\n`,
    });
    const dated = join(temp, 'dated.yaml');
    writeFileSync(dated, 'knowledgeDate: "2026-11-01"\n');
    expect((await upshift(['versions', '--data', dated])).stderr).toContain(`knowledge file ${dated} adds no row: upshift reads rows under apis`);
    expect((await upshift(['check', `${FIXTURES}/clean.yaml`, '--target', '1.34', '--data', `${FIXTURES}/extra-data.yaml`])).code).toBe(0);
  });
});
