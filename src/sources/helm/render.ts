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
import { isDict, markChartValues, type Dict } from './go-values.js';
import { ChartFiles } from './files.js';

export interface Release {
  name: string;
  namespace: string;
}

export interface RenderedTemplate {
  file: ChartFile;
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
}

const parsedCache = new WeakMap<ChartFile, ParsedTemplate>();

export function renderChart(chart: Chart, values: Dict, capabilities: Capabilities, release: Release): RenderResult {
  checkKubeVersion(chart, capabilities);
  const missing: RenderResult['missing'] = [];
  const enabled = enableCharts(chart, coalesce(chart.values, values), chart.name, missing);
  const set = templateSet(enabled);
  const templates: RenderedTemplate[] = [];
  const releaseObject = { Name: release.name, Namespace: release.namespace, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1n };
  for (const { chart: owner, path, values: scoped } of enabled) {
    // As in Helm, the templates of one chart share these objects; only .Template differs.
    const chartData = chartObject(owner);
    const files = filesObject(owner);
    const basePath = `${path}/templates`;
    for (const file of owner.templates) {
      const base = file.path.slice(file.path.lastIndexOf('/') + 1);
      if (base.startsWith('_') || base === 'NOTES.txt') continue;
      const data = {
        Values: markChartValues(scoped),
        Chart: chartData,
        Release: releaseObject,
        Capabilities: capabilities,
        Files: files,
        Template: { Name: `${path}/${file.path}`, BasePath: basePath },
      };
      const output = new Output(true);
      execute(set, parsedCache.get(file)!.body, file.display, data, output);
      // Go prints a missing value as <no value>; helm removes that from each template's final text only.
      templates.push({ file, text: output.toString().replaceAll('<no value>', ''), sourceOf: (line) => output.sourceOf(line) });
    }
  }
  return { templates, missing };
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

/** The chart and the subcharts its values enable, each with its own scope of values. */
function enableCharts(chart: Chart, values: Dict, path: string, missing: RenderResult['missing']): EnabledChart[] {
  const enabled: EnabledChart[] = [{ chart, path, values }];
  const declared = new Map(chart.dependencies.map((dependency) => [dependency.name, dependency]));
  for (const dependency of chart.dependencies) {
    if (!chart.subcharts.some((sub) => sub.name === dependency.name) && conditionHolds(dependency, values)) missing.push({ chart, dependency });
  }
  for (const sub of chart.subcharts) {
    const dependency = declared.get(sub.name);
    if (dependency && !conditionHolds(dependency, values)) continue;
    const key = dependency ? dependencyKey(dependency) : sub.name;
    const parentScope = isDict(values[key]) ? (values[key] as Dict) : {};
    const globals = isDict(values.global) ? (values.global as Dict) : {};
    const scoped = coalesce(coalesce(sub.values, parentScope), { global: coalesce(isDict(sub.values.global) ? (sub.values.global as Dict) : {}, globals) });
    values[key] = scoped;
    enabled.push(...enableCharts(sub, scoped, `${path}/charts/${key}`, missing));
  }
  return enabled;
}

/** Helm's condition: the first listed path that holds a boolean decides; none means enabled. */
function conditionHolds(dependency: Dependency, values: Dict): boolean {
  for (const path of (dependency.condition ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    let value: unknown = values;
    for (const key of path.split('.')) value = isDict(value) ? value[key] : undefined;
    if (typeof value === 'boolean') return value;
  }
  return true;
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
        parsed = parseTemplate(file.text, file.display, isFunction);
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

function chartObject(chart: Chart): Dict {
  const object: Dict = {};
  for (const [key, value] of Object.entries(chart.metadata)) {
    object[key === 'apiVersion' ? 'APIVersion' : key.charAt(0).toUpperCase() + key.slice(1)] = value;
  }
  return object;
}

function filesObject(chart: Chart): ChartFiles {
  return new ChartFiles(chart.files);
}
