// The README's install section, followed as written: `npm pack`, then a global install of the
// tarball (into a temporary prefix here), which gives `upshift` and the kubectl plugin
// `kubectl-upshift`. The tarball carries its dependencies (bundleDependencies), so the install
// needs no registry: it runs with --offline on a fresh clone after `npm ci`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { commandOnPath } from '../src/sources/command-on-path.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KUBECTL = commandOnPath('kubectl');
const temp = mkdtempSync(join(tmpdir(), 'upshift-install-'));
// The installed package holds some 9,000 files.
afterAll(() => rmSync(temp, { recursive: true, force: true }), 120_000);

function run(command: string, args: string[], options: { cwd?: string; path?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, CI: 'true', NO_COLOR: '1', ...(options.path ? { PATH: `${options.path}${delimiter}${process.env.PATH}` } : {}) };
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd ?? ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe(KUBECTL ? 'install from a packed tarball' : 'install from a packed tarball (skipped: kubectl is not on PATH, so the plugin cannot be run)', () => {
  it.skipIf(!KUBECTL)('answers as upshift and as kubectl upshift from a temporary prefix, offline', async () => {
    // dist/ is built by `npm test` (pretest); --ignore-scripts keeps pack from building it again.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', temp]);
    expect(packed.code, packed.stderr).toBe(0);
    const [tarball] = readdirSync(temp).filter((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^upshift-\d+\.\d+\.\d+\.tgz$/);
    const prefix = join(temp, 'prefix');
    const installed = await run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(temp, tarball)]);
    expect(installed.code, installed.stderr).toBe(0);
    const bin = join(prefix, 'bin');
    expect(readdirSync(bin).sort()).toEqual(['kubectl-upshift', 'upshift']);

    const expected = await run(process.execPath, ['bin/upshift.js', 'versions', '--at', '2026-11-21', '-o', 'json']);
    const plugin = await run(KUBECTL!, ['upshift', 'versions', '--at', '2026-11-21', '-o', 'json'], { cwd: temp, path: bin });
    expect(plugin).toEqual({ code: 0, stdout: expected.stdout, stderr: '' });
    const table = await run(KUBECTL!, ['upshift', 'versions', '--at', '2026-11-21'], { cwd: temp, path: bin });
    expect(table.stdout.split('\n')[0]).toBe('upshift: eks support calendar on 2026-11-21 (knowledge dated 2026-11-01)');
    const version = await run('upshift', ['--version'], { cwd: temp, path: bin });
    const pkg = await import('../package.json', { with: { type: 'json' } });
    expect(version).toEqual({ code: 0, stdout: `${pkg.default.version}\n`, stderr: '' });
  }, 900_000);
});

describe('the packed tarball', () => {
  it('bundles every runtime dependency, so an offline install needs no registry or cache', async () => {
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string>; bundleDependencies: string[] };
    expect([...pkg.bundleDependencies].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });
});

describe('npx upshift in a checkout', () => {
  it('runs the checkout\'s own command, offline', async () => {
    const npx = await run('npx', ['--offline', 'upshift', 'versions', '--at', '2026-11-21', '-o', 'json']);
    expect(npx.code, npx.stderr).toBe(0);
    expect(JSON.parse(npx.stdout)).toMatchObject({ platform: 'eks', at: '2026-11-21' });
  }, 300_000);
});
