// Renders a loaded chart as `helm template` would: values coalesced into each enabled
// subchart, every template parsed into one set (so defines are shared), each non-partial
// template executed with .Values/.Chart/.Release/.Capabilities/.Files/.Template, and the
// output of each kept with the template lines that wrote it.
import { FunctionError, execute, type TemplateSet } from './execute.js';
import { FUNCTIONS, LAZY_FUNCTIONS } from './functions/index.js';
import { satisfiesConstraint } from './functions/semver.js';
import { parseTemplate, type Node, type ParsedTemplate } from './parser.js';
import { Output, type SourceLine } from './output.js';
import { coalesce } from './values.js';
import { ChartLoadError, dependencyKey, type Chart, type ChartFile, type Dependency } from './chart.js';
import type { Capabilities } from './capabilities.js';
import { validateSchemas } from './schema.js';
import { isDict, markChartValues, type Dict } from './go-values.js';
import { ChartFiles } from './files.js';

export interface Release {
  name: string;
  namespace: string;
}

export interface RenderedTemplate {
  file: ChartFile;
  /** Helm's name for it: chart/templates/x.yaml, chart/charts/alias/templates/y.yaml. */
  name: string;
  text: string;
  /** Template file and line of an output line (1-based). */
  sourceOf(line: number): SourceLine | undefined;
}

export interface RenderResult {
  templates: RenderedTemplate[];
  /** Dependencies declared in a Chart.yaml, enabled by the values, but not vendored in charts/. */
  missing: { chart: Chart; dependency: Dependency }[];
}

interface EnabledChart {
  chart: Chart;
  /** Helm's template path prefix: acme/charts/redis. */
  path: string;
  values: Dict;
  /** The name the chart goes by: its alias when its parent gives one (.Chart.Name). */
  name: string;
}

const parsedCache = new WeakMap<ChartFile, ParsedTemplate>();

export function renderChart(chart: Chart, values: Dict, capabilities: Capabilities, release: Release): RenderResult {
  checkKubeVersion(chart, capabilities);
  const missing: RenderResult['missing'] = [];
  const enabled = enableCharts(chart, coalesce(withImports(chart), values), chart.name, chart.name, missing);
  validateSchemas(enabled);
  const set = templateSet(enabled);
  const templates: RenderedTemplate[] = [];
  const releaseObject = { Name: release.name, Namespace: release.namespace, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1n };
  const contexts = chartContexts(enabled, releaseObject, capabilities);
  const pending: { entry: EnabledChart; file: ChartFile; name: string; notes: boolean }[] = [];
  for (const entry of enabled) {
    // A library chart lends its defines; its templates are never rendered.
    if (entry.chart.metadata.type === 'library') continue;
    for (const file of entry.chart.templates) {
      const base = file.path.slice(file.path.lastIndexOf('/') + 1);
      if (!base.startsWith('_')) pending.push({ entry, file, name: `${entry.path}/${file.path}`, notes: base === 'NOTES.txt' });
    }
  }
  // Helm executes templates deepest path first, then in reverse name order, each with its chart's
  // one shared object: a template that replaces .Values (`set $ "Values" ...`, as Istio's
  // zzz_profile.yaml does to merge its profiles) changes what the chart's later templates see.
  // By pending entry, not by file: a chart used under two aliases renders its files twice.
  const rendered = new Map<(typeof pending)[number], RenderedTemplate>();
  for (const item of [...pending].sort((a, b) => helmRenderOrder(a.name, b.name))) {
    const { entry, file, name, notes } = item;
    const data = contexts.get(entry)!;
    data.Template = { Name: name, BasePath: `${entry.path}/templates` };
    const output = new Output(true);
    execute(set, parsedCache.get(file)!.body, file.display, data, output);
    // Helm renders the notes too, so a failing NOTES.txt fails the chart; their text is no manifest.
    if (notes) continue;
    // Go prints a missing value as <no value>; helm removes that from each template's final text only.
    rendered.set(item, { file, name, text: output.toString().replaceAll('<no value>', ''), sourceOf: (line) => output.sourceOf(line) });
  }
  // Listed by chart and file name, as before: the manifest order is helm's own sort of this list.
  for (const item of pending) {
    const template = rendered.get(item);
    if (template) templates.push(template);
  }
  return { templates, missing };
}

/** helm's engine order (sortTemplates): more path segments first, then names in reverse byte order. */
function helmRenderOrder(a: string, b: string): number {
  const depth = b.split('/').length - a.split('/').length;
  if (depth !== 0) return depth;
  return a < b ? 1 : a > b ? -1 : 0;
}

/**
 * Each chart's top-level template object as helm builds it (engine.recAllTpls): the templates of
 * one chart share it (only .Template differs), and `.Subcharts` maps each enabled dependency's
 * name (its alias, when it has one) to the dependency's own object, which charts index to call
 * a subchart's defines with the subchart's values.
 */
function chartContexts(enabled: readonly EnabledChart[], release: object, capabilities: Capabilities): Map<EnabledChart, Dict> {
  const contexts = new Map<EnabledChart, Dict>();
  const byPath = new Map(enabled.map((entry) => [entry.path, entry]));
  for (const entry of enabled) {
    contexts.set(entry, {
      Values: markChartValues(entry.values),
      Chart: chartObject(entry.chart, entry.name),
      Release: release,
      Capabilities: capabilities,
      Files: filesObject(entry.chart),
      Subcharts: {},
    });
  }
  for (const entry of enabled) {
    const parent = byPath.get(entry.path.replace(/\/charts\/[^/]+$/, ''));
    if (parent && parent !== entry) (contexts.get(parent)!.Subcharts as Dict)[entry.name] = contexts.get(entry)!;
  }
  return contexts;
}

function checkKubeVersion(chart: Chart, capabilities: Capabilities): void {
  const constraint = chart.metadata.kubeVersion;
  if (typeof constraint !== 'string') return;
  let compatible: boolean;
  try {
    compatible = satisfiesConstraint(constraint, capabilities.KubeVersion.GitVersion);
  } catch (error) {
    if (error instanceof FunctionError) throw new ChartLoadError(chart.chartFile, 1, `kubeVersion "${constraint}": ${error.message}`);
    throw error;
  }
  if (!compatible) {
    throw new ChartLoadError(chart.chartFile, 1, `chart requires kubeVersion: ${constraint} which is incompatible with Kubernetes ${capabilities.KubeVersion.GitVersion}`);
  }
}

/** The vendored charts a dependency names (several when charts/ holds several versions: the first wins, as in Helm). */
function vendoredChart(chart: Chart, dependency: Dependency): Chart | undefined {
  return chart.subcharts.find((sub) => sub.name === dependency.name);
}

/** Helm's IsCompatibleRange: a dependency without a version takes any; an unreadable constraint or version none. */
function versionMatches(dependency: Dependency, sub: Chart): boolean {
  if (!dependency.version) return true;
  try {
    return satisfiesConstraint(dependency.version, String(sub.metadata.version ?? ''));
  } catch {
    return false;
  }
}

/**
 * Every subchart as Helm lists it (processDependencyEnabled): one per dependency of Chart.yaml
 * that charts/ holds in a matching version, under its alias (a chart listed under two aliases
 * is there twice), then each vendored chart no dependency takes, under its own name — a
 * vendored chart whose version the dependency's range rejects is rendered so, as helm does.
 */
function subchartsOf(chart: Chart): { sub: Chart; key: string; dependency?: Dependency }[] {
  const entries: { sub: Chart; key: string; dependency?: Dependency }[] = [];
  for (const sub of chart.subcharts) {
    if (!chart.dependencies.some((dependency) => dependency.name === sub.name && versionMatches(dependency, sub))) entries.push({ sub, key: sub.name });
  }
  for (const dependency of chart.dependencies) {
    const sub = chart.subcharts.find((candidate) => candidate.name === dependency.name && versionMatches(dependency, candidate));
    if (sub) entries.push({ sub, key: dependencyKey(dependency), dependency });
  }
  return entries;
}

/** The chart and the subcharts its values enable, each with its own scope of values. */
function enableCharts(chart: Chart, values: Dict, path: string, name: string, missing: RenderResult['missing'], tags: unknown = values.tags): EnabledChart[] {
  const enabled: EnabledChart[] = [{ chart, path, values, name }];
  for (const dependency of chart.dependencies) {
    if (!vendoredChart(chart, dependency) && dependencyEnabled(dependency, values, tags)) missing.push({ chart, dependency });
  }
  for (const { sub, key, dependency } of subchartsOf(chart)) {
    // Helm removes every chart whose name is that of a disabled dependency (its alias, else its name).
    const disabled = chart.dependencies.some((other) => dependencyKey(other) === key && !dependencyEnabled(other, values, tags));
    if (disabled || (dependency && !dependencyEnabled(dependency, values, tags))) continue;
    const parentScope = isDict(values[key]) ? (values[key] as Dict) : {};
    const globals = isDict(values.global) ? (values.global as Dict) : {};
    const scoped = coalesce(coalesce(withImports(sub), parentScope), { global: coalesce(isDict(sub.values.global) ? (sub.values.global as Dict) : {}, globals) });
    values[key] = scoped;
    enabled.push(...enableCharts(sub, scoped, `${path}/charts/${key}`, key, missing, tags));
  }
  return enabled;
}

/** Helm: tags (of the top chart's values) first, then the first condition path that holds a boolean. */
function dependencyEnabled(dependency: Dependency, values: Dict, tags: unknown): boolean {
  let enabled = true;
  if (isDict(tags) && dependency.tags) {
    const states = dependency.tags.map((tag) => tags[tag]).filter((state) => typeof state === 'boolean');
    if (states.length > 0) enabled = states.includes(true);
  }
  for (const path of (dependency.condition ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    let value: unknown = values;
    for (const key of path.split('.')) value = isDict(value) ? value[key] : undefined;
    if (typeof value === 'boolean') return value;
  }
  return enabled;
}

/**
 * A chart's default values with what its dependencies' import-values bring up (Helm's
 * processImportValues): each imported table under its parent path, below the chart's own
 * values, which win. A child's values are its defaults as its parent's values.yaml sets them.
 */
function withImports(chart: Chart): Dict {
  if (!chart.dependencies.some((dependency) => dependency.importValues?.length)) return chart.values;
  let imported: Dict = {};
  for (const dependency of chart.dependencies) {
    const sub = vendoredChart(chart, dependency);
    if (!sub || !dependency.importValues?.length) continue;
    const key = dependencyKey(dependency);
    const childValues = coalesce(withImports(sub), isDict(chart.values[key]) ? (chart.values[key] as Dict) : {});
    for (const entry of dependency.importValues) {
      if (typeof entry === 'string') {
        const table = tableAt(childValues, `exports.${entry}`);
        if (table) imported = coalesce(imported, table);
      } else if (isDict(entry) && typeof entry.child === 'string' && typeof entry.parent === 'string') {
        const table = tableAt(childValues, entry.child);
        if (table) imported = coalesce(imported, nestUnder(entry.parent, table));
      }
    }
  }
  return coalesce(imported, chart.values);
}

function tableAt(values: Dict, path: string): Dict | undefined {
  let value: unknown = values;
  for (const key of path.split('.').filter(Boolean)) value = isDict(value) ? value[key] : undefined;
  return isDict(value) ? value : undefined;
}

/** Helm's pathToMap: `a.b` and a table become {a: {b: table}}; `.` is the root. */
function nestUnder(path: string, table: Dict): Dict {
  const keys = path.split('.').filter(Boolean);
  return keys.reduceRight<Dict>((inner, key) => ({ [key]: inner }), table);
}

/**
 * Templates of the same text parsed once: a library such as bitnami's common is vendored into
 * every chart and again into each of their subcharts. The parse trees hold no file name; the
 * defines are given the file each copy is in, so errors point at the copy that ran.
 */
const parsedByText = new Map<string, ParsedTemplate>();
const MAX_SHARED_PARSES = 5000;

function parseOnce(file: ChartFile, isFunction: (name: string) => boolean): ParsedTemplate {
  const shared = parsedByText.get(file.text);
  if (!shared) {
    const parsed = parseTemplate(file.text, file.display, isFunction);
    if (parsedByText.size >= MAX_SHARED_PARSES) parsedByText.clear();
    parsedByText.set(file.text, parsed);
    return parsed;
  }
  const defines = new Map<string, { body: Node[]; file: string }>();
  for (const [name, define] of shared.defines) defines.set(name, { body: define.body, file: file.display });
  return { ...shared, defines };
}

function templateSet(enabled: EnabledChart[]): TemplateSet {
  const templates = new Map<string, { body: Node[]; file: string }>();
  const isFunction = (name: string) => FUNCTIONS.has(name) || LAZY_FUNCTIONS.has(name);
  // Deeper charts first, so a parent's define of the same name wins, as in Helm.
  const ordered = [...enabled].sort((a, b) => b.path.split('/').length - a.path.split('/').length);
  for (const { chart, path } of ordered) {
    for (const file of chart.templates) {
      let parsed = parsedCache.get(file);
      if (!parsed) {
        parsed = parseOnce(file, isFunction);
        parsedCache.set(file, parsed);
      }
      for (const [name, define] of parsed.defines) templates.set(name, define);
      templates.set(`${path}/${file.path}`, { body: parsed.body, file: file.display });
    }
  }
  return {
    templates,
    functions: FUNCTIONS,
    parse(text, file) {
      const parsed = parseTemplate(text, file, isFunction);
      for (const [name, define] of parsed.defines) templates.set(name, define);
      return parsed.body;
    },
  };
}

function chartObject(chart: Chart, name: string): Dict {
  const object: Dict = {};
  for (const [key, value] of Object.entries(chart.metadata)) {
    object[key === 'apiVersion' ? 'APIVersion' : key.charAt(0).toUpperCase() + key.slice(1)] = value;
  }
  object.Name = name;
  return object;
}

function filesObject(chart: Chart): ChartFiles {
  return new ChartFiles(chart.files);
}
