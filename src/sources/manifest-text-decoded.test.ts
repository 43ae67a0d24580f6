// The fast decoder must not change what a scan reads: the same resources, objects and
// origins as when every wanted document goes through the full parser.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { glob } from 'tinyglobby';
// @ts-expect-error: the bench generator is plain JavaScript without types
import { generateEstate } from '../../bench/generate-estate.js';
import { UNREAD_FIELDS } from './unread-fields.js';

const withDecoder = await import('./manifest-text.js');
vi.resetModules();
vi.doMock('./plain-yaml.js', () => ({ decodePlainYaml: () => undefined }));
const parserOnly = await import('./manifest-text.js');
const everything = { objectKinds: new Set(['*']) };
const everythingRead = { objectKinds: new Set(['*']), dropped: UNREAD_FIELDS };

describe('readManifestText with the plain decoder', () => {
  const temp = mkdtempSync(join(tmpdir(), 'upshift-decoded-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('reads exactly what the full parser reads', async () => {
    generateEstate(temp, 100);
    const files = [
      ...(await glob(['examples/estate/**/*.{yaml,yml}', 'test/fixtures/**/*.yaml'], { ignore: ['**/templates/**'], absolute: true })),
      ...(await glob('**/*.{yaml,yml}', { cwd: temp, absolute: true })),
    ];
    expect(parserOnly.readManifestText).not.toBe(withDecoder.readManifestText); // two module instances
    let resources = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const decoded = withDecoder.readManifestText(text, file, everything);
      expect(decoded, file).toStrictEqual(parserOnly.readManifestText(text, file, everything));
      expect(withDecoder.readManifestText(text, file, everythingRead), file).toStrictEqual(parserOnly.readManifestText(text, file, everythingRead));
      resources += decoded.resources.length;
    }
    expect(resources).toBeGreaterThan(200);
  });

  it('keeps the origin of a document after comments and a marker', () => {
    const text = 'a: 1\n---\n# leading comment\n\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';
    const [resource] = withDecoder.readManifestText(text, 'p.yaml', everything).resources;
    expect(resource.origin).toEqual({ type: 'file', path: 'p.yaml', line: 5, column: 1 });
    expect(resource.object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
  });
});
