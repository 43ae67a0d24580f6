import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge, type Knowledge } from './load.js';
import type { KnowledgeBundleFile } from './knowledge-bundle.js';
import { writeKnowledgeBundle } from './write-knowledge-bundle.js';

const folder = mkdtempSync(join(tmpdir(), 'upshift-bundle-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** What a scan reads of the knowledge, without the indexes' matcher functions. */
function facts(knowledge: Knowledge) {
  const { apis, addons, ...rest } = knowledge;
  return { ...rest, apiRows: apis.rows, addonRows: addons.addons };
}

function writtenBundle(name: string): { path: string; bundle: KnowledgeBundleFile } {
  const path = join(folder, name);
  writeKnowledgeBundle(path);
  return { path, bundle: JSON.parse(readFileSync(path, 'utf8')) as KnowledgeBundleFile };
}

describe('knowledge bundle', () => {
  it('holds every bundled data file and gives the knowledge that reading the files gives', () => {
    const { path, bundle } = writtenBundle('whole.json');
    expect(Object.keys(bundle.files)).toContain('apis.yaml');
    expect(Object.keys(bundle.files)).toContain('addons/argo-cd.yaml');
    expect(Object.keys(bundle.files).every((key) => /^[\w./-]+\.yaml$/.test(key) && !key.startsWith('/'))).toBe(true);
    expect(facts(loadKnowledge([], path))).toStrictEqual(facts(loadKnowledge([], undefined)));
  });

  it('is used for a file whose text is unchanged, and not once the text differs', () => {
    const { path, bundle } = writtenBundle('edited.json');
    const ingress = bundle.files['apis.yaml'].rows.apis.find((row) => row.group === 'extensions' && row.version === 'v1beta1' && row.kind === 'Ingress')!;
    ingress.removedIn = '1.99';
    writeFileSync(path, JSON.stringify(bundle));
    expect(loadKnowledge([], path).apis.lookup('extensions/v1beta1', 'Ingress')?.removedIn).toBe('1.99');

    bundle.files['apis.yaml'].sha256 = '0'.repeat(64);
    writeFileSync(path, JSON.stringify(bundle));
    expect(loadKnowledge([], path).apis.lookup('extensions/v1beta1', 'Ingress')?.removedIn).toBe('1.22');
  });

  it('falls back to the data files when the bundle is missing, unreadable or of another format', () => {
    const expected = facts(loadKnowledge([], undefined));
    const corrupt = join(folder, 'corrupt.json');
    writeFileSync(corrupt, '{"format": 1, "files": ');
    const otherFormat = join(folder, 'other.json');
    writeFileSync(otherFormat, JSON.stringify({ format: 2, files: {} }));
    for (const path of [join(folder, 'absent.json'), corrupt, otherFormat]) expect(facts(loadKnowledge([], path))).toStrictEqual(expected);
  });

  it('never stands in for a --data file', () => {
    const { path } = writtenBundle('extra.json');
    const extra = join(folder, 'extra.yaml');
    writeFileSync(extra, 'apis:\n  - {component: kubernetes, group: extensions, version: v1beta1, kind: Ingress, deprecatedIn: "1.14", removedIn: "1.23", replacement: networking.k8s.io/v1, replacementAvailableIn: "1.19", note: "A row of our own.", source: "https://example.com/own-row"}\n');
    expect(loadKnowledge([extra], path).apis.lookup('extensions/v1beta1', 'Ingress')?.removedIn).toBe('1.23');
  });
});
