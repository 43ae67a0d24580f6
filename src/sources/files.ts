// The file source: expands PATHs into manifest files (recursively, skipping .git and
// node_modules and the user's --exclude globs); manifest-file.ts reads each one. Helm chart
// directories are handed to the chart source instead, because their templates are not YAML
// until rendered.
import { statSync } from 'node:fs';
import { resolve, sep, dirname, basename } from 'node:path';
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
