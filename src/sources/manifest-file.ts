// Reads one manifest file (or standard input's bytes) defensively: size, binary content and
// encoding problems become input-invalid findings, and the text goes to the manifest reader.
// Apart from files.ts's globbing, so that the worker threads that read files
// (manifest-file-worker.ts) do not load the globbing library.
import { displayPath } from '../core/display-path.js';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Finding, Resource } from '../core/types.js';
import type { FileScanOptions } from './files.js';
import { inputInvalid } from './input-problem.js';
import { readManifestText, type ManifestOptions } from './manifest-text.js';

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface FileContents {
  resources: Resource[];
  findings: Finding[];
  /** The decoded text, for sources that read the same file differently (eksctl, CloudFormation). */
  text?: string;
}

// One buffer that every file up to its size is read into: a scan reads thousands of files one
// after another, and a new buffer and an fstat result per file were much of its garbage.
// Nothing keeps the bytes: readManifestBytes turns them into text before the next read.
const SCRATCH_BYTES = 64 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

/** Reads one manifest file; every problem becomes an input-invalid finding. */
export function readManifestFile(absolutePath: string, options: FileScanOptions): FileContents {
  const path = displayPath(absolutePath, options.cwd);
  const origin = { type: 'file' as const, path, line: 1, column: 1 };
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(absolutePath, 'r');
    let read = readInto(fd, scratch, 0);
    bytes = scratch.subarray(0, read);
    if (read === scratch.length) {
      // Larger than the scratch buffer: the size is checked before a huge file is pulled into memory.
      const size = fstatSync(fd).size;
      if (size > limit) {
        return tooLarge(origin, size, limit);
      }
      bytes = Buffer.allocUnsafe(Math.max(size, read));
      scratch.copy(bytes, 0, 0, read);
      read = readInto(fd, bytes, read);
      bytes = bytes.subarray(0, read);
    }
  } catch (error) {
    return problem(origin, `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that it is a readable file`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes.length > limit) {
    return tooLarge(origin, bytes.length, limit);
  }
  return readManifestBytes(bytes, path, options);
}

/** Reads the file from offset `from` into `buffer` until the buffer is full or the file ends; returns the bytes held. */
function readInto(fd: number, buffer: Buffer, from: number): number {
  let read = from;
  while (read < buffer.length) {
    const count = readSync(fd, buffer, read, buffer.length - read, read);
    if (count === 0) break;
    read += count;
  }
  return read;
}

/** Reads manifest bytes from any origin (a file, stdin). */
export function readManifestBytes(bytes: Buffer, path: string, options: ManifestOptions): FileContents {
  const decoded = decodeManifestBytes(bytes, path);
  if ('problem' in decoded) return { resources: [], findings: [decoded.problem] };
  return { ...readManifestText(decoded.text, path, options), text: decoded.text };
}

/** The text of manifest bytes (without a byte-order mark), or why they are not text. */
export function decodeManifestBytes(bytes: Buffer, path: string): { text: string; bom: boolean } | { problem: Finding } {
  const origin = { type: 'file' as const, path, line: 1, column: 1 };
  if (bytes.includes(0)) {
    return { problem: inputInvalid(origin, `${path}: binary content (NUL bytes), not a YAML or JSON manifest; exclude it with --exclude`) };
  }
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes)) {
    return { problem: inputInvalid(origin, `${path}: not valid UTF-8 text; save it as UTF-8 or exclude it with --exclude`) };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom };
}

function tooLarge(origin: { type: 'file'; path: string; line: number; column: number }, size: number, limit: number): FileContents {
  return problem(origin, `${origin.path}: the file is ${megabytes(size)}, larger than the ${megabytes(limit)} limit; split it, or raise --max-file-size`);
}

function problem(origin: { type: 'file'; path: string; line: number; column: number }, message: string): FileContents {
  return { resources: [], findings: [inputInvalid(origin, message)] };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
