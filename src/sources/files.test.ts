import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandPaths } from './files.js';

const temp = mkdtempSync(join(tmpdir(), 'upshift-files-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function estate(name: string, files: readonly string[]): string {
  const root = join(temp, name);
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), 'apiVersion: v1\nkind: ConfigMap\n');
  }
  return root;
}

/** The expansion, and the parts expandPaths handed to onFiles (as paths relative to root). */
function expandStreamed(root: string) {
  const parts: string[][] = [];
  const expanded = expandPaths([root], { cwd: temp, onFiles: (files) => parts.push(files.map((file) => relative(root, file))) });
  return { expanded, parts };
}

describe('expandPaths', () => {
  // Names whose files sort apart from their folder's name: `b.yaml` before `b/`, `team-1.5/` before `team-1/`.
  const tricky = [
    'b.yaml', 'b/x.yaml', 'b/main.tf', 'team-1/a.yaml', 'team-1.5/a.yaml', 'team-10/a.yaml', 'a.yml', 'terragrunt.hcl',
    '.hidden/z.json', 'node_modules/x/n.yaml', 'c/chart/Chart.yaml', 'c/chart/values.yaml', 'c/chart/charts/sub/Chart.yaml', 'c/k.yaml',
    'd/kustomization.yaml', 'd/deploy.yaml', 'e/f/g/deep.json',
  ];

  it('hands a directory over folder group by folder group, in the sorted order of the whole expansion', () => {
    const root = estate('tricky', tricky);
    const { expanded, parts } = expandStreamed(root);
    expect(expanded).toEqual(expandPaths([root], { cwd: temp }));
    expect(expanded).toEqual(expandPaths([root], { cwd: temp, exclude: ['**/no-such-folder/**'] }));
    expect(parts.flat()).toEqual(expanded.files.map((file) => relative(root, file)));
    expect(parts.flat()).toEqual(['.hidden/z.json', 'a.yml', 'b.yaml', 'b/x.yaml', 'c/k.yaml', 'd/deploy.yaml', 'd/kustomization.yaml', 'e/f/g/deep.json', 'team-1.5/a.yaml', 'team-1/a.yaml', 'team-10/a.yaml']);
    expect(parts.length).toBeGreaterThan(1);
    expect(expanded.charts.map((chart) => relative(root, chart))).toEqual(['c/chart']);
    expect(expanded.terraform.map((file) => relative(root, file))).toEqual(['b/main.tf', 'terragrunt.hcl']);
    expect(expanded.kustomizations.map((file) => relative(root, file))).toEqual(['d/kustomization.yaml']);
  });

  it('hands everything over at once when a folder name is not plain or the directory is a chart', () => {
    const odd = estate('odd', ['a,b/x.yaml', 'c/y.yaml']);
    expect(expandStreamed(odd).parts).toEqual([['a,b/x.yaml', 'c/y.yaml']]);
    const chart = estate('chart', ['Chart.yaml', 'templates/x.yaml', 'values.yaml']);
    const { expanded, parts } = expandStreamed(chart);
    expect(parts).toEqual([[]]);
    expect(expanded.charts).toEqual([chart]);
  });

  it('lists without --exclude what the glob lists with an --exclude that leaves nothing out', () => {
    const root = estate('listing', [
      'a.yaml', '.yaml', 'UPPER.YAML', 'x.yaml.bak', 'notes.txt', 'vars.tfvars.json', 'main.tf', 'prod.tfvars', 'terragrunt.hcl', 'other.hcl',
      'dir.yaml/inside.yaml', 'with space/a b.yaml', '[brackets]/{braces}.yml', 'ünï/çödé.json', 'deep/er/terragrunt.hcl',
      '.git/HEAD.yaml', 'x/.git/y.yaml', 'x/node_modules/m.yaml', 'env/.terraform/modules/eks/main.tf', 'live/.terragrunt-cache/abc/main.tf', 'x/.hidden.yaml',
    ]);
    symlinkSync(join(root, 'a.yaml'), join(root, 'linked.yaml'));
    symlinkSync(join(root, 'deep'), join(root, 'linked-folder'));
    const listed = (exclude?: string[]) => {
      const expanded = expandPaths([root], { cwd: temp, exclude });
      return [...expanded.files, ...expanded.terraform].map((file) => relative(root, file)).sort();
    };
    const globbed = listed(['**/no-such-folder/**']);
    expect(listed()).toEqual(globbed);
    expect(globbed).toEqual([
      '.yaml', '[brackets]/{braces}.yml', 'a.yaml', 'deep/er/terragrunt.hcl', 'dir.yaml/inside.yaml', 'main.tf', 'prod.tfvars', 'terragrunt.hcl', 'vars.tfvars.json', 'with space/a b.yaml', 'x/.hidden.yaml', 'ünï/çödé.json',
    ]);
    const streamed = expandStreamed(root);
    expect(streamed.expanded).toEqual(expandPaths([root], { cwd: temp, exclude: ['**/no-such-folder/**'] }));
  });
});
