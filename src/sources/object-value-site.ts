// Where a version an object of the scan carries is written, so that a plan can edit it: in the
// object's own file, or, for an object `kubectl kustomize` built, in the file it came from when
// the value passes through the build unchanged (onedr0p/home-ops lists each app's HelmRelease and
// OCIRepository as plain resources of a kustomization, and most Flux and Argo CD estates do alike).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { displayPath } from '../core/display-path.js';
import type { ValueSite } from '../core/inventory.js';
import type { Origin } from '../core/types.js';
import { isDict } from './helm/go-values.js';
import { yamlValueSite } from './value-site.js';
import { yamlLibrary } from './yaml-library.js';
import { KUSTOMIZATION_NAMES, patchEntries } from './kustomize.js';

// What a kustomization can change an object's fields with; other keys leave them as written
// (resources, namespace, labels, annotations, generators of ConfigMaps and Secrets).
const REWRITING_KEYS = ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'replacements', 'components', 'helmCharts', 'transformers', 'vars'];

/** The `key: value` line that sets `value` for the object at `origin`, or undefined when the object is rendered from elsewhere or the value may be rewritten on the way. */
export function objectValueSite(origin: Origin, cwd: string, key: string, value: string): ValueSite | undefined {
  if (origin.type !== 'file' || origin.chart !== undefined) return undefined;
  const site = yamlValueSite(origin.path, cwd, origin.line, key, value);
  if (origin.kustomization === undefined) return site;
  // Built by kubectl kustomize: the file's value is what was applied only when neither the
  // kustomization that built it nor one beside the file rewrites fields; a value the file does
  // not hold came from the overlay's patches.
  const source = dirname(resolve(cwd, origin.path));
  const built = resolve(cwd, origin.kustomization);
  if (rewritesFields(source)) return undefined;
  if (!site) return rewritesFields(built) ? patchSite(built, cwd, key, value) : undefined;
  if (rewritesFields(built)) return undefined;
  // A base several overlays build: the line is theirs alike.
  return source === built || source.startsWith(`${built}/`) ? site : { ...site, shared: {} };
}

/**
 * The line of the overlay's own patch files that sets the built value, when exactly one does and
 * the overlay rewrites fields with patches alone (fluxcd/flux2-kustomize-helm-example's staging
 * overlay sets its HelmRelease's chart version in podinfo-values.yaml).
 */
function patchSite(directory: string, cwd: string, key: string, value: string): ValueSite | undefined {
  const content = kustomizationOf(directory);
  if (!isDict(content) || REWRITING_KEYS.some((name) => !PATCH_KEYS.includes(name) && content[name] !== undefined)) return undefined;
  const files = patchEntries(content)
    .filter((file): file is string => typeof file === 'string' && !file.includes('\n'))
    .map((file) => displayPath(resolve(directory, file), cwd));
  const sites = files.flatMap((file) => {
    const found = yamlValueSite(file, cwd, 1, key, value);
    return found ? [found] : [];
  });
  return sites.length === 1 ? sites[0] : undefined;
}

const PATCH_KEYS = ['patches', 'patchesStrategicMerge', 'patchesJson6902'];

function rewritesFields(directory: string): boolean {
  const content = kustomizationOf(directory);
  return content !== undefined && (!isDict(content) || REWRITING_KEYS.some((key) => content[key] !== undefined));
}

/** The kustomization file of a directory, parsed; undefined without one, null when it does not parse. */
function kustomizationOf(directory: string): unknown {
  const file = KUSTOMIZATION_NAMES.map((name) => join(directory, name)).find((path) => existsSync(path));
  if (!file) return undefined;
  try {
    return yamlLibrary().parse(readFileSync(file, 'utf8')) ?? null;
  } catch {
    return null;
  }
}

