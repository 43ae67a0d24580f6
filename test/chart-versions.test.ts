// scripts/chart-versions.js (`npm run knowledge:chart-versions`) on an index.yaml shaped like a chart
// repository's, and on git repositories the test makes: a Chart.yaml history, release tags, a gh-pages branch.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = 'scripts/chart-versions.js';
const INDEX = 'test/fixtures/chart-versions/index.yaml';
const SOURCE = 'https://example.com/index.yaml';
const scratch = mkdtempSync(join(tmpdir(), 'chart-versions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function git(dir: string, ...args: string[]) {
  execFileSync('git', ['-C', dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
}

function repository(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

describe('knowledge:chart-versions', () => {
  it('prints the newest stable chart of each app minor from an index.yaml', () => {
    expect(run('--source', SOURCE, '--chart', 'node-scaler', INDEX)).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        '    # 3 app minors from 6 published versions (npm run knowledge:chart-versions)',
        '    chartReleases:',
        `      - { chart: "9.29.0", app: "1.27.2", source: "${SOURCE}" }`,
        `      - { chart: "9.36.0", app: "1.29.0", source: "${SOURCE}" }`,
        `      - { chart: "9.38.0", app: "1.30.1", source: "${SOURCE}" }`,
        '',
      ].join('\n'),
    });
  });

  it('reads index.yaml in a directory, leaves out old minors with --since, and keeps a v-prefixed app version', () => {
    expect(run('--source', SOURCE, '--chart', 'node-scaler', '--since', '1.30', 'test/fixtures/chart-versions').stdout).toContain(`    chartReleases:\n      - { chart: "9.38.0", app: "1.30.1", source: "${SOURCE}" }\n`);
    expect(run('--source', SOURCE, '--chart', 'gitops', INDEX).stdout).toContain('{ chart: "6.7.18", app: "v2.10.9"');
  });

  it('reads a Chart.yaml across the git history, a commit that bumps version before appVersion included', () => {
    const dir = repository('history');
    mkdirSync(join(dir, 'charts/scaler'), { recursive: true });
    for (const [version, app] of [['0.31.0', '0.31.0'], ['0.32.0', '0.31.0'], ['0.32.0', '0.32.0'], ['0.32.1', '0.32.1']]) {
      writeFileSync(join(dir, 'charts/scaler/Chart.yaml'), `apiVersion: v2\nname: scaler\nversion: ${version}\nappVersion: ${app}\n`);
      git(dir, 'add', '.');
      git(dir, 'commit', '-q', '-m', `${version} / ${app}`);
    }
    const output = run('--source', SOURCE, '--path', 'charts/scaler/Chart.yaml', dir);
    expect(output.stdout.split('\n').filter((line) => line.includes('chart:'))).toEqual([
      `      - { chart: "0.31.0", app: "0.31.0", source: "${SOURCE}" }`,
      `      - { chart: "0.32.1", app: "0.32.1", source: "${SOURCE}" }`,
    ]);
  });

  it('takes release tags as chart versions, dropping the v prefix from a given minor on', () => {
    const dir = repository('tags');
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'release');
    for (const tag of ['v0.34.13', 'v0.35.1', 'v0.35.12', 'v0.36.0-rc.1']) git(dir, 'tag', tag);
    expect(run('--source', SOURCE, '--tags', '--unprefixed-from', '0.35', dir).stdout.split('\n').filter((line) => line.includes('chart:'))).toEqual([
      `      - { chart: "v0.34.13", app: "v0.34.13", source: "${SOURCE}" }`,
      `      - { chart: "0.35.12", app: "v0.35.12", source: "${SOURCE}" }`,
    ]);
  });

  it('reads index.yaml from a branch of a git checkout with --ref', () => {
    const dir = repository('pages');
    git(dir, 'checkout', '-q', '-b', 'gh-pages');
    writeFileSync(join(dir, 'index.yaml'), 'apiVersion: v1\nentries:\n  only:\n  - version: 1.2.3\n    appVersion: 4.5.6\n');
    git(dir, 'add', 'index.yaml');
    git(dir, 'commit', '-q', '-m', 'index');
    git(dir, 'checkout', '-q', '--orphan', 'main');
    git(dir, 'rm', '-q', '-r', '--cached', '.');
    rmSync(join(dir, 'index.yaml'));
    expect(run('--source', SOURCE, '--ref', 'gh-pages', dir).stdout).toContain('{ chart: "1.2.3", app: "4.5.6"');
  });

  it('names the input and exits 2 on what it cannot read', () => {
    expect(run(INDEX)).toMatchObject({ status: 2, stdout: '' });
    expect(run(INDEX).stderr).toMatch(/^chart-versions: --source must be the http\(s\) URL the rows come from\nusage:/);
    expect(run('--source', SOURCE, INDEX)).toEqual({ status: 2, stdout: '', stderr: `chart-versions: ${INDEX}: index.yaml lists several charts; pass --chart (charts: node-scaler, gitops)\n` });
    expect(run('--source', SOURCE, '--chart', 'nope', INDEX).stderr).toBe(`chart-versions: ${INDEX}: no chart "nope" in index.yaml (charts: node-scaler, gitops)\n`);
    expect(run('--source', SOURCE, scratch).stderr).toBe(`chart-versions: ${scratch}: no index.yaml there; pass --path, --tags or --ref for a git checkout\n`);
    expect(run('--source', SOURCE, '--path', 'charts/none/Chart.yaml', join(scratch, 'history')).stderr).toBe(`chart-versions: ${join(scratch, 'history')}: no commit changes charts/none/Chart.yaml\n`);
  });
});
