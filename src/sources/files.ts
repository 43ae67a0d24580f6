// The file source: expands PATHs into manifest files (recursively, skipping .git and
// node_modules and the user's --exclude globs); manifest-file.ts reads each one. Helm chart
// directories are handed to the chart source instead, because their templates are not YAML
// until rendered.
import { readdirSync, statSync } from 'node:fs';
import { resolve, sep, dirname, basename } from 'node:path';
import { fdir } from 'fdir';
import { globSync } from 'tinyglobby';
import { UsageError } from '../core/errors.js';
import type { ManifestOptions } from './manifest-text.js';

export interface FileScanOptions extends ManifestOptions {
  /** Directory that origins are made relative to. */
  cwd: string;
  exclude?: readonly string[];
  /** Files larger than this are reported, not read. */
  maxFileBytes?: number;
}

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

const INPUT_EXTENSIONS = ['.yaml', '.yml', '.json', '.tf', '.tfvars'];
const MANIFEST_GLOB = [`**/*.{${INPUT_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`, '**/terragrunt.hcl'];
const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml']);
// .terraform and .terragrunt-cache hold provider binaries and copies of modules, not the team's code.
const SKIPPED_FOLDERS = ['.git', 'node_modules', '.terraform', '.terragrunt-cache'];
const ALWAYS_SKIPPED = SKIPPED_FOLDERS.map((name) => `**/${name}/**`);

/** expandPaths' options: `onFiles` receives the manifest files as they are found (see below). */
export interface ExpandOptions extends Pick<FileScanOptions, 'cwd' | 'exclude'> {
  /**
   * Receives ExpandedPaths.files, in their order, part by part. A single directory is globbed
   * one group of its top-level folders at a time, so a caller can start reading the first
   * files while the later folders are still being listed; otherwise it is called once.
   */
  onFiles?: (files: readonly string[]) => void;
}

export function expandPaths(paths: readonly string[], options: ExpandOptions): ExpandedPaths {
  const files = new Set<string>();
  const charts = new Set<string>();
  const terraform = new Set<string>();
  const kustomizations = new Set<string>();
  const exclude = options.exclude ?? [];
  /** Sorts what one glob found into the four kinds of input; returns its manifest files. */
  const take = (found: string[]): string[] => {
    const chartRoots = chartRootsIn(found);
    for (const root of chartRoots) charts.add(root);
    const manifests: string[] = [];
    for (const file of found) {
      // Each file's name worked out once: this runs for every file a scan lists.
      const name = basename(file);
      if (isTerraformName(name)) {
        terraform.add(file);
        continue;
      }
      if (chartRoots.length > 0 && chartRoots.some((root) => isInside(file, root))) continue;
      files.add(file);
      manifests.push(file);
      if (KUSTOMIZATION_FILES.has(name)) kustomizations.add(file);
    }
    return manifests;
  };
  const directories = paths.map((path) => {
    const absolute = resolve(options.cwd, path);
    try {
      return { absolute, isDirectory: statSync(absolute).isDirectory() };
    } catch {
      throw new UsageError(`path "${path}" does not exist; give a file or directory of manifests, or -f - for stdin`);
    }
  });
  if (options.onFiles && directories.length === 1 && directories[0].isDirectory) {
    const streamed = listByFolders(directories[0].absolute, exclude, take);
    if (streamed) {
      const inOrder: string[] = [];
      for (const part of streamed) {
        if (part.length === 0) continue;
        inOrder.push(...part);
        options.onFiles(part);
      }
      // The order the caller was given (the sorted order, by construction): not sorted again.
      return { ...result(new Set(), charts, terraform, kustomizations), files: inOrder };
    }
  }
  for (const { absolute, isDirectory } of directories) {
    if (!isDirectory) {
      (isTerraformFile(absolute) ? terraform : files).add(absolute);
      continue;
    }
    take(exclude.length > 0 ? glob(absolute, MANIFEST_GLOB, exclude) : crawl([absolute]));
  }
  const expanded = result(files, charts, terraform, kustomizations);
  options.onFiles?.(expanded.files);
  return expanded;
}

function result(files: Set<string>, charts: Set<string>, terraform: Set<string>, kustomizations: Set<string>): ExpandedPaths {
  return { files: [...files].sort(), charts: [...charts].sort(), terraform: [...terraform].sort(), kustomizations: [...kustomizations].sort() };
}

/** The files under `directory` that `patterns` match, but for the skipped folders and the user's --exclude globs. */
function glob(directory: string, patterns: string[], exclude: readonly string[]): string[] {
  return globSync(patterns, { cwd: directory, ignore: [...ALWAYS_SKIPPED, ...exclude], dot: true, followSymbolicLinks: false, absolute: true });
}

/**
 * The input files under `folders`: what glob(folder, MANIFEST_GLOB, []) lists, listed by the
 * crawler that tinyglobby drives without matching globs against every path, which took 40% of
 * listing 20,000 folders (files.test.ts checks that both list the same files). Symbolic links
 * are left out, as the glob leaves them out.
 */
function crawl(folders: readonly string[]): string[] {
  const crawler = new fdir({
    pathSeparator: '/',
    includeBasePath: true,
    excludeSymlinks: true,
    exclude: (name) => SKIPPED_FOLDERS.includes(name),
    filters: [(path) => isInputFile(path)],
  });
  return folders.flatMap((folder) => crawler.crawl(folder).sync());
}

/** A name MANIFEST_GLOB matches. */
function isInputFile(path: string): boolean {
  return INPUT_EXTENSIONS.some((extension) => path.endsWith(extension)) || basename(path) === 'terragrunt.hcl';
}

// Top-level folder names used in a glob pattern as they are: no glob or brace character.
const PLAIN_NAME = /^[\w.-]+$/;
// Globs per directory at most, so that each one's crawl passes over the others' top-level folders only so often.
const MAX_GROUPS = 8;

/**
 * A directory's manifest files in sorted order, one part per group of top-level folders (and
 * per file between them), each part listed only when the one before it has been taken; or
 * undefined when the directory cannot be split so (a chart at its root, an unusual folder name).
 * Sorted order holds because a folder's files all sort together, right where `name/` sorts.
 */
function listByFolders(directory: string, exclude: readonly string[], take: (found: string[]) => string[]): Iterable<string[]> | undefined {
  if (sep !== '/') return undefined; // (the keys below compare paths with '/')
  const entries = readdirSync(directory, { withFileTypes: true });
  const atRoot =
    exclude.length > 0
      ? glob(directory, MANIFEST_GLOB.map((pattern) => pattern.replace('**/', '')), exclude)
      : entries.filter((entry) => entry.isFile() && isInputFile(entry.name)).map((entry) => `${directory}/${entry.name}`);
  if (atRoot.some((file) => basename(file) === 'Chart.yaml')) return undefined;
  const folders = entries.filter((entry) => entry.isDirectory() && !SKIPPED_FOLDERS.includes(entry.name)).map((entry) => entry.name);
  if (folders.some((name) => !PLAIN_NAME.test(name) || name === '.' || name === '..')) return undefined;
  // What sorts where: a root file by its path, a folder by its path and a slash.
  const units: { key: string; file?: string; folder?: string }[] = [...atRoot.map((file) => ({ key: file, file })), ...folders.map((name) => ({ key: `${directory}/${name}/`, folder: name }))];
  units.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const perGroup = Math.max(1, Math.ceil(folders.length / MAX_GROUPS));
  return (function* () {
    let group: string[] = [];
    const listGroup = (): string[] => {
      const names = group.length === 1 ? group[0] : `{${group.join(',')}}`;
      const found = exclude.length > 0 ? glob(directory, MANIFEST_GLOB.map((pattern) => `${names}/${pattern}`), exclude) : crawl(group.map((name) => `${directory}/${name}`));
      group = [];
      return take(found).sort();
    };
    for (const unit of units) {
      if (unit.folder !== undefined) group.push(unit.folder);
      if (group.length > 0 && (group.length === perGroup || unit.folder === undefined)) yield listGroup();
      if (unit.file !== undefined) yield take([unit.file]);
    }
    if (group.length > 0) yield listGroup();
  })();
}

export function isTerraformFile(path: string): boolean {
  return isTerraformName(basename(path));
}

function isTerraformName(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tfvars') || name.endsWith('.tfvars.json') || name === 'terragrunt.hcl';
}

const NO_CHARTS: readonly string[] = [];

/**
 * The folders of the Chart.yaml files among `found` but for those inside another (a chart in
 * its parent's charts/ folder is a dependency, rendered with its parent); NO_CHARTS when there
 * is none, as for most folders, without a list made.
 */
function chartRootsIn(found: readonly string[]): readonly string[] {
  let chartFiles: string[] | undefined;
  for (const file of found) if (file.endsWith('Chart.yaml') && basename(file) === 'Chart.yaml') (chartFiles ??= []).push(dirname(file));
  if (chartFiles === undefined) return NO_CHARTS;
  return chartFiles.filter((root) => !chartFiles.some((other) => other !== root && isInside(root, other)));
}

function isInside(file: string, directory: string): boolean {
  return file.startsWith(directory.endsWith(sep) || directory.endsWith('/') ? directory : directory + '/');
}
