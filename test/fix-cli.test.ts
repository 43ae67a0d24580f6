// `upshift fix` through the built binary on copies of real files in a temporary directory:
// stdout, stderr, exit codes, and the bytes left on disk.
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runUpshift, type Run } from './support/run-upshift.js';

const FIXTURES = fileURLToPath(new URL('fixtures/fix/', import.meta.url));

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'upshift-fix-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function copy(...names: string[]): void {
  for (const name of names) cpSync(join(FIXTURES, name), join(work, name));
}

function upshift(args: string[]): Promise<Run> {
  return runUpshift(args, { cwd: work });
}

const CRONJOB_DIFF = `--- a/cronjob.yaml
+++ b/cronjob.yaml
@@ -1,6 +1,6 @@
 # nightly export; owned by data
-apiVersion: batch/v1beta1 # TODO move
+apiVersion: batch/v1 # TODO move
 kind: CronJob
 metadata:
   name: export
   namespace: data
`;

describe('upshift fix', () => {
  it('prints the diff and changes nothing without --write', async () => {
    copy('cronjob.yaml');
    const run = await upshift(['fix', '.', '--target', '1.25']);
    expect(run).toEqual({ code: 0, stdout: CRONJOB_DIFF, stderr: 'upshift fix → 1.25: 1 object in 1 file would be migrated (dry run; --write applies); 0 left for a person\n' });
    expect(readFileSync(join(work, 'cronjob.yaml'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'cronjob.yaml'), 'utf8'));
  });

  it('writes with --write, and a second run is a no-op', async () => {
    copy('cronjob.yaml');
    const first = await upshift(['fix', 'cronjob.yaml', '--target', '1.25', '--write']);
    expect(first).toEqual({ code: 0, stdout: CRONJOB_DIFF, stderr: 'upshift fix → 1.25: migrated 1 object in 1 file; 0 left for a person\n' });
    expect(readFileSync(join(work, 'cronjob.yaml'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'cronjob.yaml'), 'utf8').replace('batch/v1beta1', 'batch/v1'));
    const second = await upshift(['fix', '.', '--target', '1.25', '--write']);
    expect(second).toEqual({ code: 0, stdout: '', stderr: 'upshift fix → 1.25: migrated 0 objects in 0 files; 0 left for a person\n' });
  });

  it('lists the changes and what is left with -o json, and exits 3 for what a person must do', async () => {
    copy('cronjob.yaml', 'empty-pdb.yaml');
    const run = await upshift(['fix', '.', '--target', '1.25', '-o', 'json', '-q']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      tool: { name: 'upshift', version: '0.1.0' },
      platform: 'eks',
      target: '1.25',
      changes: [{ path: 'cronjob.yaml', line: 2, kind: 'CronJob', namespace: 'data', name: 'export', from: 'batch/v1beta1', to: 'batch/v1', family: 'version-bumps', severity: 'error', notes: [] }],
      manual: [
        {
          path: 'empty-pdb.yaml', line: 1, kind: 'PodDisruptionBudget', namespace: 'jobs', name: 'everything', apiVersion: 'policy/v1beta1', to: 'policy/v1', family: 'pdb', severity: 'error',
          reason: 'spec.selector is {}: in policy/v1beta1 it selects no pods, in policy/v1 every pod in the namespace; set matchLabels for the pods it should protect, or delete the PDB',
        },
      ],
      problems: [],
      skipped: [],
      files: ['cronjob.yaml'],
      written: [],
      summary: { migrated: 1, files: 1, manual: { error: 1, warning: 0 }, problems: 0, skipped: 0 },
    });
  });

  it('never touches a file that does not parse, and says where', async () => {
    copy('broken.yaml');
    const run = await upshift(['fix', '.', '--target', '1.25', '--write', '-q']);
    expect(run).toEqual({
      code: 3,
      stdout: '',
      stderr: 'upshift: broken.yaml:6:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; the file was not changed — fix the syntax and run fix again\n',
    });
    expect(readFileSync(join(work, 'broken.yaml'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'broken.yaml'), 'utf8'));
  });

  it('reports read-only files and symbolic links instead of forcing or following them', async () => {
    copy('cronjob.yaml', 'empty-pdb.yaml');
    chmodSync(join(work, 'cronjob.yaml'), 0o444);
    symlinkSync('empty-pdb.yaml', join(work, 'linked.yaml'));
    const run = await upshift(['fix', 'cronjob.yaml', 'linked.yaml', '--target', '1.25', '--write', '-q']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      'upshift: cronjob.yaml: skipped: read-only: not written; make it writable and run fix --write again',
      'upshift: linked.yaml: skipped: a symbolic link: not followed; run fix on the file it points to',
      'cronjob.yaml:2: error: CronJob data/export (batch/v1beta1) needs a person: cronjob.yaml is read-only, so the change to batch/v1 was not written',
      '',
    ]);
    expect(readFileSync(join(work, 'cronjob.yaml'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'cronjob.yaml'), 'utf8'));
  });

  it.each([
    [['fix'], 'upshift: nothing to fix: give a PATH (file or directory); fix rewrites files, so it does not read standard input\n'],
    [['fix', '.', '--target', 'soon'], 'upshift: --target "soon" is not a Kubernetes version; expected a form like 1.31, v1.31 or 1.31.2\n'],
    [['fix', 'missing.yaml', '--target', '1.25'], 'upshift: path "missing.yaml" does not exist; give a file or directory of manifests\n'],
  ])('exits 1 on a usage error: %j', async (args, stderr) => {
    expect(await upshift(args)).toEqual({ code: 1, stdout: '', stderr });
  });
});
