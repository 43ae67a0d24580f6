// Where a version an object of the scan carries is written, so that a plan can edit it: in the
// object's own file, or, for an object `kubectl kustomize` built, in the file it came from when
// the value passes through the build unchanged (onedr0p/home-ops lists each app's HelmRelease and
// OCIRepository as plain resources of a kustomization, and most Flux and Argo CD estates do alike).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ValueSite } from '../core/inventory.js';
import type { Origin } from '../core/types.js';
import { isDict } from './helm/go-values.js';
import { yamlValueSite } from './value-site.js';
import { yamlLibrary } from './yaml-library.js';

// What a kustomization can change an object's fields with; other keys leave them as written
// (resources, namespace, labels, annotations, generators of ConfigMaps and Secrets).
const REWRITING_KEYS = ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'replacements', 'components', 'helmCharts', 'transformers', 'vars'];

/** The `key: value` line that sets `value` for the object at `origin`, or undefined when the object is rendered from elsewhere or the value may be rewritten on the way. */
export function objectValueSite(origin: Origin, cwd: string, key: string, value: string): ValueSite | undefined {
  if (origin.type !== 'file' || origin.chart !== undefined) return undefined;
  const site = yamlValueSite(origin.path, cwd, origin.line, key, value);
  if (!site || origin.kustomization === undefined) return site;
  // Built by kubectl kustomize: the file's value is what was applied only when neither the
  // kustomization that built it nor one beside the file rewrites fields.
  const source = dirname(resolve(cwd, origin.path));
  const built = resolve(cwd, origin.kustomization);
  if (rewritesFields(built) || rewritesFields(source)) return undefined;
  // A base several overlays build: the line is theirs alike.
  return source === built || source.startsWith(`${built}/`) ? site : { ...site, shared: {} };
}

function rewritesFields(directory: string): boolean {
  const file = ['kustomization.yaml', 'kustomization.yml'].map((name) => join(directory, name)).find((path) => existsSync(path));
  if (!file) return false;
  try {
    const content: unknown = yamlLibrary().parse(readFileSync(file, 'utf8'));
    return !isDict(content) || REWRITING_KEYS.some((key) => content[key] !== undefined);
  } catch {
    return true;
  }
}
