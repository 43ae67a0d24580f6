// Whether V8 moves tree-sitter's WebAssembly up to its optimizing compiler (see
// sources/terraform/parse.ts): not in upshift's own process when a scan parses little HCL, as it
// does for a large one and always in a program that uses the library. Read from V8's own trace of
// what it compiles, in a process of its own. Runs on dist/, which `npm test` builds first.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/run-upshift.js';

const module = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist', path)).href);

/** How many functions V8 compiled with TurboFan for 40 parses of a 19 KB module. */
function optimizedFunctions(script: { owned: boolean; expectedBytes: number }): number {
  const program = `
    const { ownProcess } = await import(${module('core/process-owner.js')});
    const { hclParser, parseHcl } = await import(${module('sources/terraform/parse.js')});
    if (${script.owned}) ownProcess();
    const parser = await hclParser(${script.expectedBytes});
    const text = Array.from({ length: 200 }, (_, i) => 'resource "aws_eks_node_group" "g' + i + '" {\\n  version = var.v\\n  ami_type = "AL2023_x86_64_STANDARD"\\n}\\n').join('');
    for (let i = 0; i < 40; i++) if (!parseHcl(parser, text).ok) throw new Error('parse failed');
    // V8 optimizes on a thread of its own, and says so when it is done: time to finish before the exit.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  `;
  const run = spawnSync(process.execPath, ['--trace-wasm-compilation-times', '--input-type=module', '-e', program], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((line) => line.includes('using TurboFan')).length;
}

describe("tree-sitter's compilation", () => {
  it('stays with the baseline compiler in upshift’s process when the scan parses little HCL', () => {
    expect(optimizedFunctions({ owned: true, expectedBytes: 20_000 })).toBe(0);
  });

  it('moves up as usual for a large scan, and in any process that is not upshift’s', () => {
    expect(optimizedFunctions({ owned: true, expectedBytes: 2_000_000 })).toBeGreaterThan(0);
    expect(optimizedFunctions({ owned: false, expectedBytes: 20_000 })).toBeGreaterThan(0);
  });
});
