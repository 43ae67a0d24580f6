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
vi.doMock('./plain-yaml.js', () => ({ decodePlainDocument: () => undefined }));
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

  it('places the items of a List where the full parser places them', () => {
    const lists = [
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: b}\n',
      'apiVersion: v1\nkind: List\nitems:\n  # a comment\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: a\n\n  -\n    apiVersion: v1\n    kind: Pod\n  - # note\n\n      apiVersion: v1\n      kind: ConfigMap\n  - null\n  - 3\n',
      'a: 1\n---\n# first\nkind: ServiceList\napiVersion: v1\nmetadata:\n  resourceVersion: "1"\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n    namespace: ns\n  spec:\n    items:\n    - x\n---\napiVersion: v1\nkind: List\nitems: []\n',
      'apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: Service, metadata: {name: a}}]\n',
      'apiVersion: v1\nkind: List\nitems:\n-\n\n  apiVersion: v1\n  kind: Pod\n- apiVersion: v1\n  kind: Pod\n',
    ];
    for (const text of lists) {
      const decoded = withDecoder.readManifestText(text, 'list.yaml', everything);
      expect(decoded, text).toStrictEqual(parserOnly.readManifestText(text, 'list.yaml', everything));
      expect(decoded.resources.length, text).toBeGreaterThan(0);
    }
    expect(withDecoder.readManifestText(lists[1], 'list.yaml', everything).resources.map((resource) => [resource.kind, resource.origin])).toEqual([
      ['Service', { type: 'file', path: 'list.yaml', line: 5, column: 5 }],
      ['Pod', { type: 'file', path: 'list.yaml', line: 11, column: 5 }],
      ['ConfigMap', { type: 'file', path: 'list.yaml', line: 15, column: 7 }],
    ]);
  });

  it('keeps the origin of a document after comments and a marker', () => {
    const text = 'a: 1\n---\n# leading comment\n\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';
    const [resource] = withDecoder.readManifestText(text, 'p.yaml', everything).resources;
    expect(resource.origin).toEqual({ type: 'file', path: 'p.yaml', line: 5, column: 1 });
    expect(resource.object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
  });
});
