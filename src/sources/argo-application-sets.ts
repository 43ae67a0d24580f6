// The charts an Argo CD ApplicationSet deploys, for the add-on checks. The GitOps Bridge layout
// (aws-samples/eks-blueprints-add-ons, gitops-bridge) writes one ApplicationSet per add-on whose
// template names the chart and its version as parameters ('{{values.addonChartVersion}}'), set by
// its cluster generators: a default for every cluster, and an override per environment label
// (`selector.matchLabels.environment: prod`). Each parameter set that names a chart is one
// reference, in that environment, edited where the version is written.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChartReference } from '../core/inventory.js';
import type { Resource } from '../core/types.js';
import { isDict } from './helm/go-values.js';
import { yamlValueSite } from './value-site.js';

type Params = Record<string, unknown>;

/** One set of parameters a generator gives the template; `written` names the keys this set writes itself (not inherited from a merge's first generator). */
interface ParameterSet {
  params: Params;
  env?: string;
  written: Set<string>;
}

export function argoApplicationSetReferences(resource: Resource, cwd: string): ChartReference[] {
  if (resource.kind !== 'ApplicationSet' || !resource.apiVersion.startsWith('argoproj.io/') || !isDict(resource.object?.spec)) return [];
  const spec = resource.object.spec;
  const template = isDict(spec.template) && isDict(spec.template.spec) ? spec.template.spec : undefined;
  if (!template) return [];
  const metadata = isDict(spec.template) && isDict(spec.template.metadata) ? spec.template.metadata : {};
  const applicationName = typeof metadata.name === 'string' ? metadata.name : undefined;
  const sources = [template.source, ...(Array.isArray(template.sources) ? template.sources : [])].filter(isDict).filter((source) => typeof source.chart === 'string');
  if (sources.length === 0) return [];
  const sets = Array.isArray(spec.generators) ? parameterSets(spec.generators) : [{ params: {}, written: new Set<string>() }];
  const sites = new SiteFinder(resource, cwd);
  const references: ChartReference[] = [];
  const seen = new Set<string>();
  for (const set of sets) {
    for (const source of sources) {
      const chart = substitute(String(source.chart), set.params);
      if (chart === undefined) continue;
      const versionText = source.targetRevision === undefined ? undefined : String(source.targetRevision);
      const version = versionText === undefined ? undefined : substitute(versionText, set.params);
      const key = `${chart}\0${version}\0${set.env}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const reference: ChartReference = { chart, origin: resource.origin };
      // A version the generators fill in from what the scan does not hold (a git generator's files) stays a template.
      if (versionText !== undefined) reference.version = version ?? versionText;
      const site = version === undefined || versionText === undefined ? undefined : sites.find(versionText, version, set);
      if (site) reference.versionSite = site;
      const repository = typeof source.repoURL === 'string' ? substitute(source.repoURL, set.params) : undefined;
      if (repository) reference.repository = repository;
      const release = isDict(source.helm) && typeof source.helm.releaseName === 'string' ? substitute(source.helm.releaseName, set.params) : undefined;
      if (release) reference.release = release;
      if (set.env) reference.env = set.env;
      if (resource.name && applicationName) reference.syncedBy = { tool: 'argo-cd', name: resource.name, ...(resource.namespace ? { namespace: resource.namespace } : {}), generates: filledWhereKnown(applicationName, set.params) };
      references.push(reference);
    }
  }
  return references;
}

/** The parameter sets of a list of generators, in order (matrix: each pair combined; merge: the first's sets, then each later set laid over them). */
function parameterSets(generators: unknown[]): ParameterSet[] {
  return generators.filter(isDict).flatMap((generator): ParameterSet[] => {
    if (isDict(generator.clusters)) {
      const clusters = generator.clusters;
      const labels = isDict(clusters.selector) && isDict(clusters.selector.matchLabels) ? clusters.selector.matchLabels : {};
      const values = isDict(clusters.values) ? clusters.values : {};
      const env = typeof labels.environment === 'string' ? labels.environment : undefined;
      return [{ params: { values }, ...(env ? { env } : {}), written: new Set(Object.keys(values).map((key) => `values.${key}`)) }];
    }
    if (isDict(generator.list) && Array.isArray(generator.list.elements)) {
      return generator.list.elements.filter(isDict).map((element) => ({ params: element, ...(typeof element.environment === 'string' ? { env: element.environment } : {}), written: new Set(flatKeys(element)) }));
    }
    if (isDict(generator.merge) && Array.isArray(generator.merge.generators)) {
      const [first, ...rest] = generator.merge.generators.filter(isDict).map((child) => parameterSets([child]));
      const base = first ?? [];
      const overlays = rest.flat().flatMap((overlay) => base.map((under) => ({ params: deepMerge(under.params, overlay.params), env: overlay.env ?? under.env, written: overlay.written })));
      return [...base, ...overlays];
    }
    if (isDict(generator.matrix) && Array.isArray(generator.matrix.generators)) {
      const [left = [], right = []] = generator.matrix.generators.filter(isDict).map((child) => parameterSets([child]));
      return left.flatMap((a) => right.map((b) => ({ params: deepMerge(a.params, b.params), env: b.env ?? a.env, written: new Set([...a.written, ...b.written]) })));
    }
    // git, scmProvider, pullRequest, plugin...: parameters the files do not hold.
    return [{ params: {}, written: new Set<string>() }];
  });
}

// A parameter in fasttemplate ({{values.x}}) or Go template ({{ .values.x }}) style.
const PARAMETER = /\{\{-?\s*\.?([\w.-]+)\s*-?\}\}/g;

/** `text` with its {{name}} / {{ .name }} placeholders filled from `params`; undefined when one cannot be. */
function substitute(text: string, params: Params): string | undefined {
  const filled = filledWhereKnown(text, params);
  return filled.includes('{{') ? undefined : filled;
}

/** `text` with the parameters the set gives filled in, and the others (the cluster's {{name}}) left as written. */
function filledWhereKnown(text: string, params: Params): string {
  return text.replace(PARAMETER, (match, path: string) => {
    const value = lookup(params, path);
    return isScalar(value) ? String(value) : match;
  });
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function lookup(params: Params, path: string): unknown {
  let value: unknown = params;
  for (const part of path.split('.')) value = isDict(value) ? value[part] : undefined;
  return value;
}

function deepMerge(under: Params, over: Params): Params {
  const merged: Params = { ...under };
  for (const [key, value] of Object.entries(over)) merged[key] = isDict(value) && isDict(merged[key]) ? deepMerge(merged[key] as Params, value) : value;
  return merged;
}

function flatKeys(object: Params, prefix = ''): string[] {
  return Object.entries(object).flatMap(([key, value]) => (isDict(value) ? flatKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

/**
 * Where each parameter set's version is written: the template's targetRevision when it is
 * literal, else the generator line that sets the parameter to that version. Sets that write the
 * parameter take such lines in file order; one that inherits it (a merge overlay without it)
 * shares the first.
 */
class SiteFinder {
  private readonly taken = new Map<string, number>();

  constructor(private readonly resource: Resource, private readonly cwd: string) {}

  find(versionText: string, version: string, set: ParameterSet): ReturnType<typeof yamlValueSite> {
    const origin = this.resource.origin;
    // A rendered ApplicationSet (chart, overlay) is not edited where it was read.
    if (origin.type !== 'file' || origin.chart !== undefined || origin.kustomization !== undefined) return undefined;
    const placeholder = /^\{\{-?\s*\.?([\w.-]+)\s*-?\}\}$/.exec(versionText.trim())?.[1];
    if (placeholder === undefined) return versionText.includes('{{') ? undefined : yamlValueSite(origin.path, this.cwd, origin.line, 'targetRevision', version);
    const key = placeholder.split('.').at(-1)!;
    const counted = `${placeholder}\0${version}`;
    const occurrence = set.written.has(placeholder) ? (this.taken.get(counted) ?? 0) : 0;
    if (set.written.has(placeholder)) this.taken.set(counted, occurrence + 1);
    let line = origin.line;
    for (let index = 0; ; index++) {
      const site = yamlValueSite(origin.path, this.cwd, line, key, version);
      if (!site || this.beyondDocument(site.line)) return undefined;
      if (index === occurrence) return site;
      line = site.line + 1;
    }
  }

  private lines: string[] | undefined;

  /** Whether `line` lies past the end of the resource's document (a later `---`). */
  private beyondDocument(line: number): boolean {
    const origin = this.resource.origin;
    if (origin.type !== 'file') return true;
    this.lines ??= readFileSync(resolve(this.cwd, origin.path), 'utf8').split('\n');
    for (let index = origin.line; index < line - 1; index++) if (/^---(\s|$)/.test(this.lines[index] ?? '')) return true;
    return false;
  }
}
