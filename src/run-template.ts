// `upshift template`: a chart's manifests for the target as `helm template` prints them,
// rendered by a helm binary when one is chosen (told the target's version and served APIs)
// or by upshift's own renderer, with `.Capabilities` of the target either way.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './core/errors.js';
import type { Knowledge } from './knowledge/load.js';
import { resolveContext } from './run-check.js';
import type { Platform } from './core/inventory.js';
import { capabilitiesFor } from './sources/helm/capabilities.js';
import { ChartLoadError, loadChart, type Chart } from './sources/helm/chart.js';
import { helmTemplate, HelmFailure, resolveHelmBinary } from './sources/helm/helm-binary.js';
import { helmTemplateText, sortManifests } from './sources/helm/manifest-order.js';
import { renderChart } from './sources/helm/render.js';
import { TemplateError } from './sources/helm/template-error.js';
import { loadUserValues } from './sources/helm/values.js';

export interface TemplateOptions {
  knowledge: Knowledge;
  /** The chart directory, or a packaged chart (.tgz). */
  chart: string;
  /** Release name; helm's default for `helm template` is release-name. */
  releaseName?: string;
  namespace?: string;
  valuesFiles?: readonly string[];
  set?: readonly string[];
  setString?: readonly string[];
  /** Added to what the target serves (group/version or group/version/Kind). */
  apiVersions?: readonly string[];
  target?: string;
  platform?: Platform;
  /** --helm-bin: a path, a command on PATH, or `none`; default UPSHIFT_HELM_BIN, else helm on PATH, else none. */
  helmBinary?: string;
  cwd?: string;
  now?: Date;
}

export interface TemplateResult {
  /** What `helm template` prints. */
  text: string;
  /** "helm" (with the binary's path) or "upshift". */
  renderer: string;
  /** Things a person should know, for stderr (a dependency not vendored). */
  warnings: string[];
}

/** A chart helm would refuse to render, in helm's words where helm has them; the CLI exits 1. */
export class TemplateFailure extends UsageError {}

export async function runTemplate(options: TemplateOptions): Promise<TemplateResult> {
  const cwd = options.cwd ?? process.cwd();
  const context = resolveContext({ target: options.target, platform: options.platform, now: options.now }, options.knowledge);
  const root = resolve(cwd, options.chart);
  if (!existsSync(root) || !(statSync(root).isDirectory() || statSync(root).isFile())) throw new UsageError(`${options.chart}: no such chart; give the directory that holds Chart.yaml or a packaged chart (.tgz)`);
  const release = { name: options.releaseName ?? 'release-name', namespace: options.namespace ?? 'default' };
  const extra = splitApiVersions(options.apiVersions ?? []);
  const capabilities = capabilitiesFor(options.knowledge, context.target, extra);
  const helm = resolveHelmBinary(options.helmBinary, cwd);
  if (helm) {
    try {
      const text = await helmTemplate(helm, {
        chartRoot: root,
        release,
        target: context.target,
        apiVersions: [...capabilities.APIVersions],
        valuesFiles: (options.valuesFiles ?? []).map((file) => resolve(cwd, file)),
        set: options.set ?? [],
        setString: options.setString ?? [],
        cwd,
      });
      return { text, renderer: `helm (${helm})`, warnings: [] };
    } catch (error) {
      if (error instanceof HelmFailure) throw new TemplateFailure(`helm template: ${error.message}`);
      throw error;
    }
  }
  const values = loadUserValues(options.valuesFiles ?? [], options.set ?? [], cwd, options.setString ?? []);
  try {
    const chart = loadChart(root, cwd);
    if (chart.metadata.type === 'library') throw new TemplateFailure(`${chart.chartFile}: library charts are not installable; render a chart that depends on it`);
    const result = renderChart(chart, values, capabilities, release);
    const manifests = sortManifests(result.templates.map((template) => ({ name: template.name, display: template.file.display, text: template.text })));
    const warnings = result.missing.map(({ dependency }) => missingWarning(dependency));
    return { text: helmTemplateText(manifests), renderer: 'upshift', warnings };
  } catch (error) {
    if (error instanceof TemplateError) throw new TemplateFailure(`${error.template}:${error.line}:${error.column}: ${error.reason}`);
    if (error instanceof ChartLoadError) throw new TemplateFailure(error.message);
    throw error;
  }
}

function missingWarning(dependency: Chart['dependencies'][number]): string {
  const version = dependency.version ? ` ${dependency.version}` : '';
  return `${dependency.file}:${dependency.line}: dependency ${dependency.name}${version} is declared but not in charts/, so its templates are not rendered (helm refuses the chart); run \`helm dependency build\` in the chart`;
}

/** --api-versions as helm reads it: repeated, or comma-separated. */
function splitApiVersions(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}
