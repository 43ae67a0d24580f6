// The Kustomize source: builds each top-level kustomization found in the PATHs (one that no
// other found kustomization includes) with `kubectl kustomize`, reads the output, and points
// each built object back at the file it came from (matched by kind, name and namespace,
// allowing for namePrefix/nameSuffix). The files a built kustomization owns are not also
// scanned on their own: overlay patches are partial objects, and bases would be reported
// once per overlay plus once more.
import { displayPath } from '../core/display-path.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { yamlLibrary } from './yaml-library.js';
import type { Finding, Origin, Resource } from '../core/types.js';
import type { FileScanOptions } from './files.js';
import { readManifestFile } from './manifest-file.js';
import { inputInvalid } from './input-problem.js';
import { readManifestText } from './manifest-text.js';
import { indexYaml } from './yaml-index.js';
import { isDict } from './helm/go-values.js';
import { listOf } from '../core/fields.js';
import { goToolEnvironment } from './go-tool-environment.js';
import { commandOnPath } from './command-on-path.js';

const execFileAsync = promisify(execFile);

export interface KustomizePlan {
  /** Kustomization files to build (directories no other found kustomization includes). */
  builds: string[];
  /** Files that belong to built kustomizations, by absolute path: which builds (a base has several), and whether the file is a patch. */
  owned: Map<string, { builds: string[]; patch: boolean }>;
  /** The environment each build stands for, by kustomization file: its folder's name, made unique. */
  environments: Map<string, string>;
  /**
   * The kustomizations that do nothing but list local resources, by file, with the files and
   * kustomization files they list, in order (see resourcesOnly).
   */
  listing: Map<string, string[]>;
}

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml'];

// What a kustomization that does nothing but list resources may hold.
const LISTING_KEYS = new Set(['apiVersion', 'kind', 'resources']);

interface LocalFile {
  file: string;
  patch: boolean;
}

/**
 * Which kustomizations to build and which files they own. A Component (`kind: Component`) is
 * built only by the kustomizations that list it under `components:`: on its own it patches
 * objects it does not have (GoogleCloudPlatform/microservices-demo keeps eight, each to be
 * switched on in its kustomization.yaml, and building them alone failed five). One that no
 * kustomization lists is not built; its patch files stay unscanned (partial objects) and its
 * resources are scanned as files.
 */
export function planKustomizations(kustomizations: readonly string[]): KustomizePlan {
  const owned: KustomizePlan['owned'] = new Map();
  const included = new Set<string>();
  const ownFiles = new Map<string, LocalFile[]>();
  const listing = new Map<string, string[]>();
  const components = new Set<string>();
  const read = (file: string) => {
    const kustomization = readKustomization(file, included);
    ownFiles.set(file, kustomization.files);
    if (kustomization.listsOnly) listing.set(file, kustomization.files.map((local) => local.file));
    return kustomization;
  };
  for (const file of kustomizations) if (read(file).component) components.add(file);
  const builds = kustomizations.filter((file) => !included.has(file) && !components.has(file));
  for (const component of components) {
    if (included.has(component)) continue;
    for (const local of ownFiles.get(component)!) if (local.patch) owned.set(local.file, owned.get(local.file) ?? { builds: [], patch: true });
  }
  const own = (file: string, build: string, patch: boolean) => {
    const entry = owned.get(file) ?? { builds: [], patch };
    if (!entry.builds.includes(build)) entry.builds.push(build);
    owned.set(file, entry);
  };
  for (const build of builds) {
    const queue = [build];
    const visited = new Set<string>();
    while (queue.length) {
      const file = queue.pop()!;
      if (visited.has(file)) continue;
      visited.add(file);
      own(file, build, false);
      for (const local of ownFiles.get(file) ?? read(file).files) {
        if (KUSTOMIZATION_NAMES.includes(basename(local.file))) queue.push(local.file);
        else own(local.file, build, local.patch);
      }
    }
  }
  return { builds, owned, environments: environmentNames(builds), listing };
}

/**
 * An overlay is an environment named by its folder (overlays/production → production). Overlays
 * in folders of the same name (install/ and ha/install/) are named by their path from the
 * folder that holds them all (install, ha/install): one name for two overlays would make their
 * findings look like two problems of one environment.
 */
function environmentNames(builds: readonly string[]): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const build of builds) byName.set(basename(dirname(build)), [...(byName.get(basename(dirname(build))) ?? []), build]);
  const names = new Map<string, string>();
  for (const [name, sharing] of byName) {
    if (sharing.length === 1) {
      names.set(sharing[0], name);
      continue;
    }
    const parents = sharing.map((build) => dirname(dirname(build)));
    const common = parents.reduce(commonAncestor);
    for (const build of sharing) names.set(build, relative(common, dirname(build)).split(sep).join('/'));
  }
  return names;
}

function commonAncestor(a: string, b: string): string {
  while (a !== b && relative(a, b).startsWith('..')) a = dirname(a);
  return a;
}

/**
 * Whether a kustomization file is a Component, the local files it names (resources, patches,
 * components: kustomizations for directories, which go to `included`), and whether it does nothing
 * but list local resources, each one found.
 */
function readKustomization(kustomization: string, included: Set<string>): { component: boolean; files: LocalFile[]; listsOnly: boolean } {
  let content: unknown;
  try {
    content = yamlLibrary().parse(readFileSync(kustomization, 'utf8'));
  } catch {
    return { component: false, files: [], listsOnly: false };
  }
  if (!isDict(content)) return { component: false, files: [], listsOnly: false };
  const files = localFiles(content, dirname(kustomization), included);
  const resources = listOf(content.resources);
  // Every entry found (none remote, missing or a folder without a kustomization), and none a
  // kustomization file named as a resource, which would read as one here and as an object to kustomize.
  const listsOnly =
    Object.keys(content).every((key) => LISTING_KEYS.has(key)) &&
    (content.kind === undefined || content.kind === 'Kustomization') &&
    files.length === resources.length &&
    resources.every((entry) => !KUSTOMIZATION_NAMES.includes(basename(String(entry))));
  return { component: content.kind === 'Component', files, listsOnly };
}

/** The local files a kustomization's content names, relative to its `directory`. */
function localFiles(content: Record<string, unknown>, directory: string, included: Set<string>): LocalFile[] {
  const resources = [...listOf(content.resources), ...listOf(content.bases), ...listOf(content.components)];
  const patches = patchEntries(content);
  const files: LocalFile[] = [];
  for (const [index, entry] of [...resources, ...patches].entries()) {
    if (typeof entry !== 'string' || /^[a-z]+:\/\//i.test(entry) || entry.includes('\n')) continue;
    const target = resolve(directory, entry);
    if (!existsSync(target)) continue;
    if (statSync(target).isDirectory()) {
      const nested = KUSTOMIZATION_NAMES.map((name) => resolve(target, name)).find((file) => existsSync(file));
      if (nested) {
        included.add(nested);
        files.push({ file: nested, patch: false });
      }
    } else {
      files.push({ file: target, patch: index >= resources.length });
    }
  }
  return files;
}

/** The files a kustomization's patches are written in, as its content names them (an inline patch names none). */
export function patchEntries(content: Record<string, unknown>): unknown[] {
  return [...listOf(content.patchesStrategicMerge), ...[...listOf(content.patches), ...listOf(content.patchesJson6902)].map((patch) => (isDict(patch) ? patch.path : undefined))];
}

export interface KustomizeBuild {
  resources: Resource[];
  findings: Finding[];
}

// kubectl logs its failure through klog: `E1207 03:02:52.010577   19500 run.go:72] "command
// failed" err="…"`, or, for an error of several lines, `err=<` then each line after a tab, then
// ` >` on a line of its own. The header's time and process id would make each report of the same
// estate differ, and the wrapper says nothing the finding does not.
const KLOG_HEADER = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]]*\] /;
const COMMAND_FAILED = /^"command failed" err="(.*)"$/;
const COMMAND_FAILED_LINES = /"command failed" err=<\n((?:\t.*\n)*) >$/;

/** What kubectl's stderr says went wrong, without klog's header, and with paths under `cwd` made relative as findings show them. */
export function kubectlReason(stderr: string, cwd: string): string {
  const text = stderr.trim();
  const block = COMMAND_FAILED_LINES.exec(text);
  const last = text.split('\n').at(-1)!.replace(KLOG_HEADER, '');
  const wrapped = COMMAND_FAILED.exec(last);
  // (err= is quoted as Go quotes strings: a quote or a backslash inside has a backslash before it)
  const reason = block
    ? block[1].split('\n').map((line) => line.slice(1).trim()).filter(Boolean).join(' ')
    : wrapped
      ? wrapped[1].replace(/\\(["\\])/g, '$1')
      : last;
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  // (Under the root directory every separator would match: the paths stay as kubectl wrote them.)
  return prefix === sep ? reason : reason.split(prefix).join('');
}

/**
 * One overlay through `kubectl kustomize` (a process of its own: the scan runs several at once, see
 * core/in-order.ts); `signal` ends the process when aborted (a scan that is abandoned).
 */
export async function buildKustomization(kustomization: string, plan: KustomizePlan, options: FileScanOptions, signal?: AbortSignal): Promise<KustomizeBuild> {
  const directory = dirname(kustomization);
  const overlay = displayPath(directory, options.cwd);
  const env = plan.environments.get(kustomization) ?? basename(directory);
  const at: Origin = { type: 'file', path: displayPath(kustomization, options.cwd), line: 1, column: 1, kustomization: overlay, env };
  const listed = resourcesOnly(kustomization, plan, options);
  if (listed) return { resources: listed.map((resource) => ({ ...resource, origin: { ...resource.origin, kustomization: overlay, env } })), findings: [] };
  let output: string;
  try {
    ({ stdout: output } = await execFileAsync('kubectl', ['kustomize', directory], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000, env: goToolEnvironment(), signal }));
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    const reason = stderr === '' ? (error as Error).message : kubectlReason(stderr, options.cwd);
    return { resources: [], findings: [inputInvalid(at, `${at.path}: kubectl kustomize ${overlay} failed: ${reason}; fix the kustomization (its files were not scanned)`)] };
  }
  const built = readManifestText(output, at.path, options);
  const sources = sourceObjects(kustomization, plan, options);
  return {
    resources: built.resources.map((resource) => ({ ...resource, origin: { ...(trace(resource, sources) ?? at), kustomization: overlay, env } })),
    findings: built.findings.map((finding) => ({ ...finding, origin: at })),
  };
}

/**
 * The objects of a kustomization that only lists local resources (files, and folders whose
 * kustomization does the same), read from those files, in the order listed: kustomize builds such
 * an overlay into exactly those objects, so no kubectl process is started for it (kubernetes/home-ops
 * lists its apps so, 74 of its 92 overlays). Undefined, for kubectl to build it and say what is
 * wrong, when anything else is there or kustomize would refuse it: a file listed twice, a document
 * that is not an object with a kind and a name, a file it cannot read, the same object twice.
 */
function resourcesOnly(kustomization: string, plan: KustomizePlan, options: FileScanOptions): Resource[] | undefined {
  const files: string[] = [];
  if (!listedFiles(kustomization, plan.listing, files, new Set())) return undefined;
  const resources: Resource[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    const read = readManifestFile(file, options);
    if (read.findings.length > 0 || read.text === undefined || read.resources.length !== objectDocuments(read.text)) return undefined;
    for (const resource of read.resources) {
      if (!resource.name) return undefined;
      const id = `${resource.apiVersion.split('/').slice(0, -1).join('/')}/${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
      if (ids.has(id)) return undefined;
      ids.add(id);
      resources.push(resource);
    }
  }
  return resources;
}

/** Adds to `files` the resource files a listing-only kustomization names, depth first; false when it, or one it lists, is not one, or lists a path twice. */
function listedFiles(kustomization: string, listing: ReadonlyMap<string, string[]>, files: string[], seen: Set<string>): boolean {
  const listed = listing.get(kustomization);
  if (!listed) return false;
  for (const file of listed) {
    if (seen.has(file)) return false;
    seen.add(file);
    if (!KUSTOMIZATION_NAMES.includes(basename(file))) files.push(file);
    else if (!listedFiles(file, listing, files, seen)) return false;
  }
  return true;
}

/** How many documents of a manifest's text hold an object; a List is not counted, so that a file with one goes to kubectl. */
function objectDocuments(text: string): number {
  return indexYaml(text).filter((document) => document.contentLine > 0 && !document.kind?.endsWith('List')).length;
}

interface SourceObject {
  kind: string;
  name: string;
  namespace?: string;
  origin: Origin;
}

function sourceObjects(kustomization: string, plan: KustomizePlan, options: FileScanOptions): SourceObject[] {
  const objects: SourceObject[] = [];
  for (const [file, owner] of plan.owned) {
    // Patches hold partial objects with the same names: the object comes from the resource file.
    if (!owner.builds.includes(kustomization) || owner.patch || KUSTOMIZATION_NAMES.includes(basename(file))) continue;
    for (const resource of readManifestFile(file, { ...options, objectKinds: new Set() }).resources) {
      if (resource.name) objects.push({ kind: resource.kind, name: resource.name, namespace: resource.namespace, origin: resource.origin });
    }
  }
  return objects;
}

/**
 * The file object a built one came from: same kind, its name inside the built name (which
 * namePrefix/nameSuffix extend), namespace compatible; the longest such name is the most specific.
 */
function trace(resource: Resource, sources: SourceObject[]): Origin | undefined {
  let best: SourceObject | undefined;
  for (const source of sources) {
    if (source.kind !== resource.kind || !resource.name?.includes(source.name)) continue;
    if (source.namespace && resource.namespace && source.namespace !== resource.namespace) continue;
    if (!best || source.name.length > best.name.length) best = source;
  }
  return best?.origin;
}

/**
 * Whether `kubectl` is on PATH, found as helm is (see helm/helm-binary.ts) rather than run: a
 * `kubectl version --client` took 50-65 ms of every scan with an overlay to build, before any of
 * them could start. A kubectl that is there but cannot run fails each build with its reason.
 */
export function kubectlOnPath(): boolean {
  return commandOnPath('kubectl') !== undefined;
}
