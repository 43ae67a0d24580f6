import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandOnPath } from './command-on-path.js';

const root = mkdtempSync(join(tmpdir(), 'upshift-path-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string): string {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  return path;
}

describe.skipIf(process.platform === 'win32')('commandOnPath', () => {
  const plain = folder('plain');
  writeFileSync(join(plain, 'kubectl'), '#!/bin/sh\n');
  const named = folder('named');
  mkdirSync(join(named, 'kubectl'));
  const runnable = folder('runnable');
  writeFileSync(join(runnable, 'kubectl'), '#!/bin/sh\n');
  chmodSync(join(runnable, 'kubectl'), 0o755);

  it('finds the first executable file of that name, passing over a file it may not run and a folder', () => {
    expect(commandOnPath('kubectl', { PATH: [plain, named, runnable].join(delimiter) })).toBe(join(runnable, 'kubectl'));
  });

  it('finds nothing when no folder of PATH has it, or there is no PATH', () => {
    expect(commandOnPath('kubectl', { PATH: [plain, named].join(delimiter) })).toBeUndefined();
    expect(commandOnPath('kubectl', { PATH: '' })).toBeUndefined();
    expect(commandOnPath('kubectl', {})).toBeUndefined();
  });
});
