// The Helm chart source: renders a chart found in a PATH for the target version, once per
// environment (values-<env>.yaml, values/<env>.yaml), with `helm template` when a helm binary
// is available and upshift's own renderer otherwise, and reads the output as
// `helm template | upshift check -f -` would, locating each object at the template line that
// wrote it. A chart that cannot be rendered is reported where it fails and then read
// lexically, so its literal apiVersions are still checked.
import { displayPath } from '../core/display-path.js';
import { readFileSync } from 'node:fs';
import { yamlLibrary } from './yaml-library.js';
import type { Finding, Origin, Resource } from '../core/types.js';
import type { ChartReference, SilentWorkloads } from '../core/inventory.js';
import type { Knowledge } from '../knowledge/load.js';

import { inputInvalid } from './input-problem.js';
import { readManifestText, type ManifestOptions } from './manifest-text.js';
import { scanChartLexically } from './helm-chart-lexical.js';
import { capabilitiesFor, type Capabilities } from './helm/capabilities.js';
import { ChartLoadError, loadChartDirectory, templatesByName, type Chart, type ChartFile } from './helm/chart.js';
import { isDict, type Dict } from './helm/go-values.js';
import { helmTemplate, HelmFailure } from './helm/helm-binary.js';
import { helmErrorLocation, locateDocuments, splitHelmOutput } from './helm/helm-output.js';
import type { SourceLine } from './helm/output.js';
import { renderChart, type RenderResult } from './helm/render.js';
import { TemplateError } from './helm/template-error.js';
import { coalesce, findEnvironments, quickValues, type ValuesEnvironment } from './helm/values.js';
import { SIGS_YAML_OPTIONS, unencodableError } from './helm/sigs-yaml.js';
import { silentWorkloads } from './helm/silent-workloads.js';
import { yamlValueSite } from './value-site.js';

export interface ChartScanOptions extends ManifestOptions {
  cwd: string;
  knowledge: Knowledge;
  /** "1.33" */
  target: string;
  /** --values files and --set assignments, already merged; applied over every environment. */
  userValues: Dict;
  /** Render with this helm binary (resolveHelmBinary) instead of the own renderer. */
  helm?: HelmSettings;
}

export interface HelmSettings {
  binary: string;
  /** The user's --values files (absolute) and --set assignments, passed on as they were given. */
  valuesFiles: readonly string[];
  set: readonly string[];
  /** Ends the helm processes when aborted (a scan that is abandoned). */
  signal?: AbortSignal;
}

export interface ChartScan {
  resources: Resource[];
  findings: Finding[];
  /** Third-party charts the chart depends on. */
  charts: ChartReference[];
  /** Per environment, the chart's workload templates that rendered nothing. */
  silentWorkloads: SilentWorkloads[];
}

/** Helm's defaults for `helm template` without a release name or namespace. */
const RELEASE = { name: 'release-name', namespace: 'default' };

export async function scanChart(root: string, options: ChartScanOptions): Promise<ChartScan> {
  const chartPath = displayPath(root, options.cwd);
  const scan: ChartScan = { resources: [], findings: [], charts: [], silentWorkloads: [] };
  let chart: Chart;
  try {
    chart = loadChartDirectory(root, options.cwd);
  } catch (error) {
    const [file, line, column, reason] = failureLocation(error, { chartFile: displayPath(`${root}/Chart.yaml`, options.cwd) });
    return fallBack(scan, root, options, [cannotRender(chartPath, undefined, file, line, column, reason)]);
  }
  scan.charts.push(...dependencyReferences(chart, options.cwd));

  const failures = new Map<string, Finding>();
  const missing = new Map<string, Finding>();
  const capabilities = capabilitiesFor(options.knowledge, options.target);
  // helm refuses a chart whose Chart.yaml names a dependency missing from charts/ (it would
  // have to download it); the own renderer renders the rest and says what is missing.
  const absent = absentDependencies(chart);
  const helm = options.helm && absent.length === 0 ? options.helm : undefined;
  let templates: Map<string, ChartFile> | undefined;
  const environments: Partial<ValuesEnvironment>[] = findEnvironments(root);
  if (environments.length === 0) environments.push({});
  for (const environment of environments) {
    try {
      if (helm) {
        await renderWithHelm(helm, root, chart, (templates ??= templatesByName(chart)), environment, capabilities, chartPath, options, scan);
        continue;
      }
      const values = environment.file ? coalesce(readValuesFile(environment.file, options.cwd), options.userValues) : options.userValues;
      const result = renderChart(chart, values, capabilities, RELEASE);
      readOwnRendering(result, chartPath, environment.name, options, scan);
      const rendered = result.templates.map((template) => ({ name: template.name, display: template.file.display, source: template.file.text, output: [template.text] }));
      scan.silentWorkloads.push(...silentWorkloads(chart.name, silentPlace(chartPath, environment, options), rendered));
      for (const { chart: owner, dependency } of result.missing) {
        const key = `${owner.chartFile}:${dependency.name}`;
        if (!missing.has(key)) missing.set(key, missingDependency(owner, dependency));
        (missing.get(key)!.details!.environments as string[]).push(environment.name ?? 'default');
      }
    } catch (error) {
      const [file, line, column, reason] = failureLocation(error, chart);
      const key = `${file}:${line}:${column}:${reason}`;
      const seen = failures.get(key);
      if (seen) (seen.details!.environments as string[]).push(environment.name ?? 'default');
      else failures.set(key, cannotRender(chartPath, environment.name, file, line, column, reason, absent));
    }
  }
  scan.findings.push(...missing.values());
  if (failures.size > 0) return fallBack(scan, root, options, [...failures.values()]);
  readChartCrds(chart, chartPath, options, scan);
  return scan;
}

/**
 * The chart's crds/ folder: helm installs those files as written (never templated) before the
 * templates, once whatever the values, so they are read once, at their own file and line. A
 * subchart's are left out: helm installs them only when the subchart is enabled.
 */
function readChartCrds(chart: Chart, chartPath: string, options: ChartScanOptions, scan: ChartScan): void {
  const directory = chart.chartFile.replace(/Chart\.yaml$/, '');
  for (const [path, text] of [...chart.files].filter(([path]) => /^crds\/.+\.(ya?ml|json)$/.test(path)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const display = `${directory}${path}`;
    const contents = readManifestText(text, display, options);
    const chartOrigin = (origin: Origin | undefined): Origin => ({ ...(origin ?? { type: 'file', path: display, line: 1, column: 1 }), chart: chartPath }) as Origin;
    for (const resource of contents.resources) scan.resources.push({ ...resource, origin: chartOrigin(resource.origin) });
    for (const finding of contents.findings) scan.findings.push({ ...finding, origin: chartOrigin(finding.origin) });
  }
}

/**
 * Where a render failed and why. Anything the renderer did not expect is reported at the
 * chart, never let out: no chart, however broken, aborts a scan.
 */
function failureLocation(error: unknown, chart: Pick<Chart, 'chartFile'>): [string, number, number, string] {
  if (error instanceof TemplateError) return [error.template, error.line, error.column, error.reason];
  if (error instanceof ChartLoadError) return [error.file, error.line, 1, error.reason];
  const message = error instanceof Error ? error.message : String(error);
  return [chart.chartFile, 1, 1, `upshift's renderer failed unexpectedly (${message}); render it with --helm-bin, and please report it`];
}

/** The dependencies Chart.yaml files declare that charts/ folders lack (what helm lists when it refuses such a chart), each once. */
function absentDependencies(chart: Chart): string[] {
  const own = chart.dependencies.filter((dependency) => !chart.subcharts.some((sub) => sub.name === dependency.name)).map((dependency) => dependency.name);
  return [...new Set([...own, ...chart.subcharts.flatMap(absentDependencies)])];
}

function readOwnRendering(result: RenderResult, chartPath: string, env: string | undefined, options: ChartScanOptions, scan: ChartScan): void {
  for (const template of result.templates) {
    const fallback = { file: template.file.display, line: 1 };
    readRendered(template.text, template.file.display, (line) => template.sourceOf(line) ?? fallback, chartPath, env, options, scan);
  }
}

/** One environment through `helm template`; helm's failures become TemplateErrors located in the chart. */
async function renderWithHelm(
  helm: HelmSettings,
  root: string,
  chart: Chart,
  /** The chart's templates by the name helm gives them (templatesByName). */
  templates: Map<string, ChartFile>,
  environment: Partial<ValuesEnvironment>,
  capabilities: Capabilities,
  chartPath: string,
  options: ChartScanOptions,
  scan: ChartScan,
): Promise<void> {
  let output: string;
  try {
    output = await helmTemplate(helm.binary, {
      chartRoot: root,
      release: RELEASE,
      target: options.target,
      apiVersions: [...capabilities.APIVersions],
      valuesFiles: [...(environment.file ? [environment.file] : []), ...helm.valuesFiles],
      set: helm.set,
      cwd: options.cwd,
      signal: helm.signal,
    });
  } catch (error) {
    if (!(error instanceof HelmFailure)) throw error;
    const location = helmErrorLocation(error.message);
    const file = location && templates.get(location.template);
    if (file) throw new TemplateError(file.display, location.line, location.column, `helm template: ${error.message}`);
    throw new TemplateError(chart.chartFile, 1, 1, `helm template: ${error.message}`);
  }
  const bySource = new Map<string, string[]>();
  for (const document of splitHelmOutput(output)) {
    if (!bySource.has(document.source)) bySource.set(document.source, []);
    bySource.get(document.source)!.push(document.text);
  }
  for (const [source, documents] of bySource) {
    const file = templates.get(source);
    const display = file?.display ?? chart.chartFile;
    const lines = file ? locateDocuments(file.text, documents) : documents.map(() => 1);
    documents.forEach((text, index) => readRendered(text, display, () => ({ file: display, line: lines[index] }), chartPath, environment.name, options, scan));
  }
  const rendered = [...templates].map(([name, file]) => ({ name, display: file.display, source: file.text, output: bySource.get(name) ?? [] }));
  scan.silentWorkloads.push(...silentWorkloads(chart.name, silentPlace(chartPath, environment, options), rendered));
}

/** Where a render's silent workload templates belong, and whether it had the chart's own values alone. */
function silentPlace(chart: string, environment: Partial<ValuesEnvironment>, options: ChartScanOptions): Pick<SilentWorkloads, 'chart' | 'env' | 'defaults'> {
  const defaults = !environment.file && Object.keys(options.userValues).length === 0;
  return { chart, ...(environment.name ? { env: environment.name } : {}), defaults };
}

function readValuesFile(file: string, cwd: string): Dict {
  const text = readFileSync(file, 'utf8');
  // As helm reads an -f file (sigs-yaml.ts): `zone: .` is a string, `.inf` is refused.
  let values: unknown = quickValues(text);
  if (values === undefined) {
    try {
      values = yamlLibrary().parse(text, SIGS_YAML_OPTIONS) ?? {};
    } catch (error) {
      const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1;
      throw new ChartLoadError(displayPath(file, cwd), line, `invalid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (!isDict(values)) throw new ChartLoadError(displayPath(file, cwd), 1, 'a values file must hold a mapping at the top level');
  const unencodable = unencodableError(values);
  if (unencodable) throw new ChartLoadError(displayPath(file, cwd), 1, `${unencodable}; helm refuses it too (JSON has no NaN or Inf): quote the value`);
  return values;
}

/** Reads rendered text; `locate` gives the template file and line of a line of that text. */
function readRendered(
  text: string,
  display: string,
  locate: (line: number) => SourceLine,
  chartPath: string,
  env: string | undefined,
  options: ChartScanOptions,
  scan: ChartScan,
): void {
  if (!text.trim()) return;
  const contents = readManifestText(text, display, options);
  const origin = (rendered: Origin | undefined): Origin => {
    const source = locate(rendered?.type === 'file' ? rendered.line : 1);
    const located: Origin = { type: 'file', path: source.file, line: source.line, column: 1, chart: chartPath };
    if (env) located.env = env;
    return located;
  };
  for (const resource of contents.resources) scan.resources.push({ ...resource, origin: origin(resource.origin) });
  for (const finding of contents.findings) {
    scan.findings.push({
      ...finding,
      origin: origin(finding.origin),
      message: `the rendered output of ${display}${env ? ` (environment ${env})` : ''} is not valid YAML: ${finding.message}`,
    });
  }
}

/**
 * The finding for a chart that stopped rendering at file:line:column for `reason`. `absent`: the
 * dependencies it declares and does not vendor. helm refuses such a chart outright; the own
 * renderer renders without them, and a template that reads their values then fails where it
 * reads them (kube-prometheus-stack without `helm dependency build`: "nil pointer evaluating
 * interface {}.enabled" in a ClusterRole), so the missing dependencies are what to fix first.
 */
function cannotRender(chartPath: string, env: string | undefined, file: string, line: number, column: number, reason: string, absent: readonly string[] = []): Finding {
  const where = `${file}:${line}:${column}: Helm chart ${chartPath}`;
  const forEnv = env ? ` for environment ${env}` : '';
  const origin = { type: 'file' as const, path: file, line, column, chart: chartPath };
  // `required` and `fail` are the chart refusing its values, as helm would: the values must
  // change, not the renderer. Anything else is a template upshift (or helm) cannot render.
  const refused = /^error calling (required|fail): (.*)$/s.exec(reason);
  const [message, cause] = refused
    ? [`${where} refuses its values${forEnv} (${refused[1]}): ${refused[2]}; set the value with --values or --set (helm template fails the same way; its templates were read lexically instead)`, `chart-${refused[1]}`]
    : absent.length > 0
      ? [
          `${where} cannot be rendered${forEnv} without its dependencies ${absent.join(', ')}, which Chart.yaml declares and charts/ lacks (helm template refuses the chart for that alone): run \`helm dependency build\` in the chart; the render stopped here: ${reason} (its templates were read lexically instead)`,
          'dependencies-missing',
        ]
      : [`${where} cannot be rendered${forEnv}: ${reason}; fix the template or its values (its templates were read lexically instead)`, 'render-failed'];
  const finding = inputInvalid(origin, message);
  finding.details = { chart: chartPath, environments: [env ?? 'default'], cause };
  return finding;
}

function missingDependency(chart: Chart, dependency: Chart['dependencies'][number]): Finding {
  const version = dependency.version ? ` ${dependency.version}` : '';
  return {
    id: 'input-invalid',
    severity: 'info',
    message: `${dependency.file}:${dependency.line}: dependency ${dependency.name}${version} is declared but not in charts/, so its templates were not scanned; run \`helm dependency build\` in the chart to include them`,
    origin: { type: 'file', path: dependency.file, line: dependency.line, column: 1 },
    details: { chart: chart.name, dependency: dependency.name, version: dependency.version, repository: dependency.repository, environments: [] as string[] },
  };
}

function dependencyReferences(chart: Chart, cwd: string): ChartReference[] {
  const references = chart.dependencies.map((dependency) => {
    const reference: ChartReference = { chart: dependency.name, origin: { type: 'file', path: dependency.file, line: dependency.line, column: 1 } };
    if (dependency.version) reference.version = dependency.version;
    const site = dependency.version ? yamlValueSite(chart.chartFile, cwd, dependency.line, 'version', dependency.version) : undefined;
    if (site) reference.versionSite = site;
    if (dependency.repository) reference.repository = dependency.repository;
    if (dependency.alias) reference.release = dependency.alias;
    return reference;
  });
  return [...references, ...chart.subcharts.flatMap((sub) => dependencyReferences(sub, cwd))];
}

function fallBack(scan: ChartScan, root: string, options: ChartScanOptions, failures: Finding[]): ChartScan {
  const lexical = scanChartLexically(root, options.cwd, 'it could not be rendered, see the input-invalid finding');
  scan.findings.push(...failures, ...lexical.findings);
  scan.resources.push(...lexical.resources);
  return scan;
}
