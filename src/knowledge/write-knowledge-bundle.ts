// Writes the knowledge bundle (knowledge-bundle.ts) for the bundled data files: run by
// `npm run build` after the compiler, through scripts/write-knowledge-bundle.js.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isJsonExact } from '../sources/json-exact.js';
import { BUNDLE_FORMAT, bundleKey, textDigest, type KnowledgeBundleFile } from './knowledge-bundle.js';
import { BUNDLED_DATA_DIR, bundledFiles, readKnowledgeRows } from './load.js';

/** Validates every bundled data file and writes their rows to `path` (whole, or not at all). */
export function writeKnowledgeBundle(path: string): void {
  const bundle: KnowledgeBundleFile = { format: BUNDLE_FORMAT, files: {} };
  for (const file of bundledFiles()) {
    const text = readFileSync(file, 'utf8');
    const rows = readKnowledgeRows(file, text, false);
    // The bundle must give back exactly what reading the file gives.
    if (!isJsonExact(rows)) throw new Error(`${file}: its rows hold a value JSON does not carry exactly (a date, an infinite number); the knowledge bundle cannot hold it`);
    bundle.files[bundleKey(file, BUNDLED_DATA_DIR)] = { sha256: textDigest(text), rows };
  }
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(bundle));
  renameSync(partial, path);
}
