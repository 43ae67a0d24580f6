// The bundled knowledge files' rows, validated once when the package is built (`npm run build`
// writes dist/knowledge-bundle.json, see write-knowledge-bundle.ts) rather than at every start:
// decoding and validating the 360 KB of data/*.yaml took 75-90 ms of each command, before any
// input was read. A file's rows are used only while its text is the one they were read from,
// so a data file edited after the build is read and validated again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeFileRows } from './load.js';

/** Where the built package keeps the bundle: beside the compiled knowledge/ folder. */
export const KNOWLEDGE_BUNDLE = fileURLToPath(new URL('../knowledge-bundle.json', import.meta.url));

export const BUNDLE_FORMAT = 1;

/** What the bundle holds: per data file (by its path under data/), the SHA-256 of its text and its rows. */
export interface KnowledgeBundleFile {
  format: typeof BUNDLE_FORMAT;
  files: Record<string, { sha256: string; rows: KnowledgeFileRows }>;
}

export interface KnowledgeBundle {
  /** The rows of the data file at `file` when `text` is what they were read from, else undefined. */
  rowsOf(file: string, text: string): KnowledgeFileRows | undefined;
}

export function textDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The bundle at `path` for the data files under `dataDirectory`; undefined when there is none (as when running from the sources). */
export function readKnowledgeBundle(path: string | undefined, dataDirectory: string): KnowledgeBundle | undefined {
  if (path === undefined) return undefined;
  let bundle: KnowledgeBundleFile;
  try {
    bundle = JSON.parse(readFileSync(path, 'utf8')) as KnowledgeBundleFile;
  } catch {
    // Missing or unreadable, it only costs the time to read the data files themselves.
    return undefined;
  }
  if (bundle?.format !== BUNDLE_FORMAT || typeof bundle.files !== 'object' || bundle.files === null) return undefined;
  return {
    rowsOf(file, text) {
      const entry = bundle.files[bundleKey(file, dataDirectory)];
      return entry !== undefined && entry.sha256 === textDigest(text) ? entry.rows : undefined;
    },
  };
}

/** A data file's key in the bundle: its path under the data directory, with forward slashes. */
export function bundleKey(file: string, dataDirectory: string): string {
  return relative(dataDirectory, file).split(sep).join('/');
}
