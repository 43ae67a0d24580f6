// What Node loads before a command does any work, read from the static imports of the bundle
// the program runs (dist/bundle/, scripts/bundle.js; dynamic import() is what loads the rest,
// when a command runs): `upshift --version` took 0.41-0.45 s when the entry imported every
// command's implementation, 0.13-0.15 s once it did not (2026-12-07). esbuild marks where each
// module's code begins with a `// dist/PATH.js` line, which is how the modules are named here.
// Runs on dist/, which `npm test` builds first.
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/run-upshift.js';

const DIST = join(ROOT, 'dist');
const BUNDLE = join(DIST, 'bundle');

/**
 * The modules of dist/ whose code loading the bundle's `file` runs, through its static imports
 * of other chunks, and the packages it imports statically (those the bundle keeps outside it).
 */
function staticallyLoaded(file: string): { modules: string[]; packages: string[] } {
  const seen = new Set<string>();
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (chunk: string) => {
    if (seen.has(chunk)) return;
    seen.add(chunk);
    const text = readFileSync(chunk, 'utf8');
    for (const match of text.matchAll(/^\/\/ dist\/(\S+\.js)$/gm)) modules.add(match[1]!);
    for (const [, imported] of text.matchAll(/^(?:import|export)\s(?:[^;]*?\sfrom\s)?"([^"]+)"/gm)) {
      if (imported!.startsWith('./')) visit(resolve(dirname(chunk), imported!));
      else packages.add(imported!);
    }
  };
  visit(join(BUNDLE, file));
  return { modules: [...modules].sort(), packages: [...packages].sort() };
}

/** The bundle's chunk that holds `module` (its own chunk, as a dynamic import made it). */
function chunkOf(module: string): string {
  const chunks = readdirSync(BUNDLE).filter((name) => name.endsWith('.js') && readFileSync(join(BUNDLE, name), 'utf8').includes(`\n// dist/${module}\n`));
  expect(chunks).toHaveLength(1);
  return chunks[0]!;
}

describe('modules loaded at start', () => {
  it('the program loads the commands’ definitions, not what they run', () => {
    expect(staticallyLoaded('main.js').modules).toEqual([
      'cli/check.js',
      'cli/cluster.js',
      'cli/exit-codes.js',
      'cli/fix.js',
      'cli/flags.js',
      'cli/main.js',
      'cli/merge.js',
      'cli/paths.js',
      'cli/plan.js',
      'cli/simulate.js',
      'cli/template.js',
      'cli/versions.js',
      'core/errors.js',
      'core/kube-version.js',
      'core/process-owner.js',
      'core/tool.js',
      'core/types.js',
      'knowledge/calendar.js',
      'plan/formats.js',
      'plan/types.js',
      'report/formats.js',
      'simulate/settings.js',
    ]);
  });

  // (run-check.js loads the Helm renderer and the Terraform reader with it: loading them only when a
  // scan found charts or Terraform took 7 MB off the 5k bench estate's peak and nothing off the 20k
  // one's, so that the bench's memory growth read x1.25-1.32 against its x1.3 target; 2026-12-07.)
  it('a scan does not load the reporters', () => {
    const { modules } = staticallyLoaded(chunkOf('run-check.js'));
    expect(modules).toContain('sources/manifest-files.js');
    expect(modules.filter((file) => file.startsWith('report/html/') || file === 'report/index.js')).toEqual([]);
  });

  // yaml (84 files, 0.04-0.05 s) only when a document or file needs the full parser
  // (sources/yaml-library.ts), tree-sitter only when there is Terraform to parse.
  it('a scan and its report load no package before they need it', () => {
    for (const chunk of [chunkOf('run-check.js'), chunkOf('knowledge/load.js'), chunkOf('cli/common.js')]) {
      expect(staticallyLoaded(chunk).packages.filter((name) => !name.startsWith('node:') && !isBuiltin(name))).toEqual([]);
    }
  });

  it('what a command lists as -o formats is what it can print', async () => {
    const { REPORT_FORMATS } = (await import(join(DIST, 'report/formats.js'))) as typeof import('../src/report/formats.js');
    const { reporters } = (await import(join(DIST, 'report/index.js'))) as typeof import('../src/report/index.js');
    expect(Object.keys(reporters)).toEqual([...REPORT_FORMATS]);
  });
});
