// The dependency rule of the pipeline (sources and reporters depend on core and knowledge, never
// on checks; checks never on sources), read from the import statements themselves.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(join(SRC, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => join(SRC, folder, file));
}

/** The top-level folders of src/ that a file imports from, e.g. ['core', 'knowledge']. */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const folders = new Set<string>();
  for (const match of text.matchAll(/^(?:import|export)[^;]*? from '(\.[^']+)'/gm)) {
    const target = relative(SRC, resolve(dirname(file), match[1]!));
    folders.add(target.split('/')[0]!);
  }
  return [...folders].sort();
}

function offenders(folder: string, forbidden: readonly string[]): string[] {
  return sourceFiles(folder).flatMap((file) =>
    importedFolders(file)
      .filter((imported) => forbidden.includes(imported))
      .map((imported) => `${relative(SRC, file)} imports ${imported}/`),
  );
}

describe('layering', () => {
  it('sources, reporters and the simulation never import checks', () => {
    expect([...offenders('sources', ['checks']), ...offenders('report', ['checks']), ...offenders('simulate', ['checks'])]).toEqual([]);
  });

  it('checks never import sources', () => {
    expect(offenders('checks', ['sources'])).toEqual([]);
  });

  it('core imports nothing above it', () => {
    expect(offenders('core', ['checks', 'sources', 'report', 'simulate', 'plan', 'fix', 'cli', 'knowledge'])).toEqual([]);
  });
});
