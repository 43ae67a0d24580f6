import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifestFile } from './manifest-file.js';

/** A manifest of about `bytes` bytes: one ConfigMap whose data fills it up. */
function configMap(name: string, bytes: number): string {
  const head = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  big: |\n`;
  const line = `    ${'x'.repeat(75)}\n`;
  return head + line.repeat(Math.ceil((bytes - head.length) / line.length));
}

describe('readManifestFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'upshift-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = (file: string, text: string, maxFileBytes?: number) => {
    writeFileSync(join(dir, file), text);
    return readManifestFile(join(dir, file), { cwd: dir, objectKinds: new Set(), maxFileBytes });
  };

  it('reads files of every size, one after another, each whole', () => {
    for (const [file, bytes] of [['small.yaml', 300], ['scratch.yaml', 64 * 1024 - 1], ['exact.yaml', 64 * 1024], ['large.yaml', 300_000], ['after.yaml', 200]] as const) {
      const text = configMap(file, bytes).slice(0, bytes - 1) + '\n';
      expect(text.length).toBe(bytes);
      const contents = read(file, text);
      expect(contents.text, file).toBe(text);
      expect(contents.resources.map((resource) => resource.name)).toEqual([file]);
    }
  });

  it('reports files over the size limit, small or larger than the read buffer', () => {
    expect(read('over.yaml', configMap('over', 3000), 1024).findings.map((finding) => finding.message)).toEqual([
      'over.yaml: the file is 0.0 MB, larger than the 0.0 MB limit; split it, or raise --max-file-size',
    ]);
    expect(read('huge.yaml', configMap('huge', 200_000), 100_000).findings.map((finding) => finding.message)).toEqual([
      'huge.yaml: the file is 0.2 MB, larger than the 0.1 MB limit; split it, or raise --max-file-size',
    ]);
  });
});
