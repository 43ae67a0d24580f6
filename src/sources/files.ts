// The file source: expands PATHs into manifest files (recursively, skipping .git and
// node_modules and the user's --exclude globs), reads each one defensively (size, binary,
// encoding) and hands its text to the manifest reader. Helm chart directories are handed
// to the chart source instead, because their templates are not YAML until rendered.
import { displayPath } from '../core/display-path.js';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve, sep, dirname, basename } from 'node:path';
import { globSync } from 'tinyglobby';
import { UsageError } from '../core/errors.js';
import type { Finding, Resource } from '../core/types.js';
import { inputInvalid } from './input-problem.js';
import { readManifestText, type ManifestOptions } from './manifest-text.js';

export interface FileScanOptions extends ManifestOptions {
  /** Directory that origins are made relative to. */
  cwd: string;
  exclude?: readonly string[];
  /** Files larger than this are reported, not read. */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** What a PATH argument expands to. */
export interface ExpandedPaths {
  files: string[];
  /** Roots of Helm charts (directories holding a Chart.yaml). */
  charts: string[];
  /** Terraform files: .tf, .tfvars, .tfvars.json, terragrunt.hcl. */
  terraform: string[];
  /** Kustomization files (kustomization.yaml) outside charts; their directories are built. */
  kustomizations: string[];
}

const MANIFEST_GLOB = ['**/*.{yaml,yml,json,tf,tfvars}', '**/terragrunt.hcl'];
const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml']);
// .terraform and .terragrunt-cache hold provider binaries and copies of modules, not the team's code.
const ALWAYS_SKIPPED = ['**/.git/**', '**/node_modules/**', '**/.terraform/**', '**/.terragrunt-cache/**'];

export function expandPaths(paths: readonly string[], options: Pick<FileScanOptions, 'cwd' | 'exclude'>): ExpandedPaths {
  const files = new Set<string>();
  const charts = new Set<string>();
  const terraform = new Set<string>();
  const kustomizations = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(options.cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      throw new UsageError(`path "${path}" does not exist; give a file or directory of manifests, or -f - for stdin`);
    }
    if (!isDirectory) {
      (isTerraformFile(absolute) ? terraform : files).add(absolute);
      continue;
    }
    const found = globSync(MANIFEST_GLOB, {
      cwd: absolute,
      ignore: [...ALWAYS_SKIPPED, ...(options.exclude ?? [])],
      dot: true,
      followSymbolicLinks: false,
      absolute: true,
    });
    // A chart inside another chart (its charts/ folder) is a dependency, rendered with its parent.
    const chartFiles = found.filter((file) => basename(file) === 'Chart.yaml').map((file) => dirname(file));
    const chartRoots = chartFiles.filter((root) => !chartFiles.some((other) => other !== root && isInside(root, other)));
    for (const root of chartRoots) charts.add(root);
    for (const file of found) {
      if (isTerraformFile(file)) {
        terraform.add(file);
        continue;
      }
      if (chartRoots.some((root) => isInside(file, root))) continue;
      files.add(file);
      if (KUSTOMIZATION_FILES.has(basename(file))) kustomizations.add(file);
    }
  }
  return { files: [...files].sort(), charts: [...charts].sort(), terraform: [...terraform].sort(), kustomizations: [...kustomizations].sort() };
}

export function isTerraformFile(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tfvars') || path.endsWith('.tfvars.json') || basename(path) === 'terragrunt.hcl';
}

function isInside(file: string, directory: string): boolean {
  return file.startsWith(directory.endsWith(sep) || directory.endsWith('/') ? directory : directory + '/');
}

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
