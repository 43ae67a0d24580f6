// Loads a Helm chart (a directory, or a .tgz inside a parent's charts/) into memory: its
// metadata, default values, templates, other files, vendored subcharts, and the
// dependencies Chart.yaml declares. Problems are located ChartLoadErrors, never crashes.
import { displayPath } from '../../core/display-path.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import type { Document, DocumentOptions, LineCounter, ParseOptions, SchemaOptions } from 'yaml';
import { yamlLibrary } from '../yaml-library.js';

import { decodePlainYaml } from '../plain-yaml.js';
import { isDict, type Dict } from './go-values.js';
import { quickValues } from './values.js';
import { helmIgnore } from './helmignore.js';
import { chartMetadataProblem, topLevelKeyLine } from './chart-metadata.js';
import { resolveGoPlain, SIGS_YAML_OPTIONS, unencodableError } from './sigs-yaml.js';

export interface ChartFile {
  /** Path inside the chart, e.g. templates/deployment.yaml. */
  path: string;
  /** Where a report shows it: relative to the working directory (through a .tgz when archived). */
  display: string;
  text: string;
}

export interface Dependency {
  name: string;
  version?: string;
  repository?: string;
  alias?: string;
  condition?: string;
  tags?: string[];
  /** import-values as written: strings (exports.X) and {child, parent} maps. */
  importValues?: unknown[];
  /** Display path of the file that declares it (Chart.yaml, or requirements.yaml of apiVersion v1 charts). */
  file: string;
  /** Line of the entry in that file. */
  line: number;
}

export interface Chart {
  name: string;
  /** Chart.yaml as written. */
  metadata: Dict;
  /** Display path of the chart's Chart.yaml. */
  chartFile: string;
  values: Dict;
  templates: ChartFile[];
  /** Files other than templates, Chart.yaml, values.yaml and charts/ (for .Files). */
  files: Map<string, string>;
  subcharts: Chart[];
  dependencies: Dependency[];
  /** values.schema.json as written, when the chart has one. */
  schema?: { file: string; text: string };
}

export class ChartLoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

/** A chart directory, or a packaged chart (the .tgz `helm package` writes), as helm template takes either. */
export function loadChart(path: string, cwd: string): Chart {
  if (statSync(path).isDirectory()) return loadChartDirectory(path, cwd);
  const archive = displayPath(path, cwd);
  const bytes = readFileSync(path);
  // helm checks for gzip before anything else, and so refuses a plain tar too.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new ChartLoadError(archive, 1, 'not a chart: neither a directory nor a gzipped archive (.tgz); give the directory that holds Chart.yaml or the file `helm package` wrote');
  return chartFromArchive(bytes, archive, 'package the chart again (helm package) or download it again');
}

export function loadChartDirectory(root: string, cwd: string): Chart {
  const files = new Map<string, Buffer>();
  const ignored = helmIgnore(existsSync(join(root, '.helmignore')) ? readFileSync(join(root, '.helmignore'), 'utf8') : undefined);
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const absolute = join(entry.parentPath, entry.name);
    // helm follows a symbolic link to a file (Karpenter's crds/ link into the repository).
    if (!entry.isFile() && !(entry.isSymbolicLink() && isLinkedFile(absolute))) continue;
    const path = absolute.slice(root.length + 1).split(/[\\/]/).join('/');
    const parts = path.split('/');
    if (parts.some((part) => part === '.git' || part === 'node_modules')) continue;
    // As helm walks the directory: an ignored folder hides everything under it.
    if (parts.some((_, index) => ignored(parts.slice(0, index + 1).join('/'), index < parts.length - 1))) continue;
    files.set(path, readFileSync(absolute));
  }
  return chartFromFiles(files, (path) => displayPath(join(root, path), cwd), { root, cwd });
}

function isLinkedFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where a chart read from a directory lies, to resolve its `file://` dependencies. */
interface ChartDirectory {
  root: string;
  cwd: string;
}

function chartFromFiles(files: Map<string, Buffer>, display: (path: string) => string, directory?: ChartDirectory): Chart {
  const chartYaml = files.get('Chart.yaml');
  if (!chartYaml) throw new ChartLoadError(display('Chart.yaml'), 1, 'Chart.yaml is missing');
  const { metadata, dependencies } = readChartYaml(chartYaml.toString('utf8'), display('Chart.yaml'));
  // apiVersion v1 charts declare their dependencies in requirements.yaml; Helm 3 reads them from there.
  const requirements = files.get('requirements.yaml');
  if (requirements && dependencies.length === 0) {
    const parsed = parseYaml(requirements.toString('utf8'), display('requirements.yaml'));
    dependencies.push(...readDependencies(parsed.document, parsed.lines, display('requirements.yaml')));
  }
  const problem = chartMetadataProblem(metadata);
  if (problem) throw new ChartLoadError(display('Chart.yaml'), topLevelKeyLine(chartYaml.toString('utf8'), problem.key), problem.reason);
  const valuesText = files.get('values.yaml') ?? files.get('values.yml');
  const values = valuesText ? readValues(valuesText.toString('utf8'), display(files.has('values.yaml') ? 'values.yaml' : 'values.yml')) : {};

  const templates: ChartFile[] = [];
  const other = new Map<string, string>();
  const subchartFiles = new Map<string, Map<string, Buffer>>();
  const subcharts: Chart[] = [];
  // Code-unit order, as Helm sorts template names; a locale-aware order would depend on the machine.
  for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const nested = /^charts\/([^/]+)\/(.+)$/.exec(path);
    if (nested) {
      if (!subchartFiles.has(nested[1])) subchartFiles.set(nested[1], new Map());
      subchartFiles.get(nested[1])!.set(nested[2], bytes);
    } else if (/^charts\/[^/]+\.tgz$/.test(path)) {
      subcharts.push(chartFromArchive(bytes, display(path)));
    } else if (path.startsWith('templates/')) {
      templates.push({ path, display: display(path), text: bytes.toString('utf8') });
    } else if (path !== 'Chart.yaml' && !/^values\.ya?ml$/.test(path)) {
      other.set(path, bytes.toString('utf8'));
    }
  }
  for (const [folder, nestedFiles] of subchartFiles) {
    const nestedDirectory = directory && { root: join(directory.root, 'charts', folder), cwd: directory.cwd };
    if (nestedFiles.has('Chart.yaml')) subcharts.push(chartFromFiles(nestedFiles, (path) => display(`charts/${folder}/${path}`), nestedDirectory));
  }
  if (directory) subcharts.push(...fileDependencies(dependencies, subcharts, directory));
  const schemaText = files.get('values.schema.json');
  return {
    name: metadata.name as string,
    metadata,
    chartFile: display('Chart.yaml'),
    values,
    templates,
    files: other,
    subcharts,
    dependencies,
    ...(schemaText ? { schema: { file: display('values.schema.json'), text: schemaText.toString('utf8') } } : {}),
  };
}

/**
 * The `repository: file://PATH` dependencies that charts/ does not hold, read from PATH
 * (relative to the chart) as `helm dependency build` would copy them in.
 */
function fileDependencies(dependencies: readonly Dependency[], vendored: readonly Chart[], directory: ChartDirectory): Chart[] {
  const charts: Chart[] = [];
  for (const dependency of dependencies) {
    if (!dependency.repository?.startsWith('file://') || vendored.some((sub) => sub.name === dependency.name) || charts.some((sub) => sub.name === dependency.name)) continue;
    const root = resolve(directory.root, dependency.repository.slice('file://'.length));
    if (!existsSync(join(root, 'Chart.yaml'))) continue;
    charts.push(loadChartDirectory(root, directory.cwd));
  }
  return charts;
}

/** Chart.yaml's fields; the full parser only runs when dependencies need their lines (or the fast decoder bails). */
function readChartYaml(text: string, file: string): { metadata: Dict; dependencies: Dependency[] } {
  const decoded = decodePlainYaml(text, 0, text.length);
  if (isDict(decoded) && decoded.dependencies === undefined) return { metadata: decoded, dependencies: [] };
  const parsed = parseYaml(text, file);
  return { metadata: parsed.object, dependencies: readDependencies(parsed.document, parsed.lines, file) };
}

/** A packaged chart: a gzipped tar whose entries sit under one top folder (the chart name). */
function chartFromArchive(bytes: Buffer, archive: string, remedy = 're-run helm dependency build'): Chart {
  const files = new Map<string, Buffer>();
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        if (entry.type === 'File') files.set(entry.path.replace(/^[^/]+\//, ''), Buffer.concat(chunks));
      });
    },
  });
  let failure: Error | undefined;
  parser.on('warn', (_code: string, message: string | Error) => (failure ??= new Error(String(message))));
  parser.on('error', (error: Error) => (failure ??= error));
  parser.end(bytes);
  if (failure || files.size === 0) {
    throw new ChartLoadError(archive, 1, `not a readable chart archive (${failure?.message ?? 'no files'}); ${remedy}`);
  }
  return chartFromFiles(files, (path) => `${archive}/${path}`);
}

// Helm's YAML reader (go-yaml v2 through sigs.k8s.io/yaml) takes a repeated key, the last one winning.
const CHART_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { version: '1.1', uniqueKeys: false };

function parseYaml(text: string, file: string, options = CHART_YAML_OPTIONS): { object: Dict; document: Document; lines: LineCounter } {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const document = parseDocument(text, { ...options, lineCounter: lines });
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0].line ?? 1;
    throw new ChartLoadError(file, line, `invalid YAML: ${error.message.split('\n')[0]}`);
  }
  const object = document.toJS({ maxAliasCount: 1000 }) ?? {};
  if (!isDict(object)) throw new ChartLoadError(file, 1, 'expected a mapping at the top level');
  return { object, document, lines };
}

/** A chart's values.yaml as helm reads it (sigs-yaml.ts): `zone: .` is the string ".", `.inf` fails the chart as in helm. */
function readValues(text: string, file: string): Dict {
  const values = quickValues(text) ?? valuesByEntry(text) ?? parseYaml(text, file, SIGS_YAML_OPTIONS).object;
  const unencodable = unencodableError(values);
  if (unencodable) throw new ChartLoadError(file, 1, `cannot load values.yaml: ${unencodable}; helm refuses it too (JSON has no NaN or Inf): quote the value`);
  return values;
}

// A line at column 0 that starts a top-level entry (`key:`, `"key":`), and what rules splitting out.
const TOP_LEVEL_KEY = /^(?:[^\s#\-?:&*!|>'"%@`{[\]},][^:#]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)/;
const NOT_SPLITTABLE = /^(?:---|\.\.\.|%)|(?:^|[\s[{,])[&*][^\s,[\]{}]|<</m;

/**
 * A large values.yaml read one top-level entry at a time: the fast decoder takes most entries,
 * and only those it cannot (a block of multi-line flow text, say) go through the full parser,
 * which is slow on the biggest charts' values (argo-cd's took half its render). Undefined
 * when the text cannot be split safely (anchors, directives, a top-level line that is not a
 * key) or an entry does not parse: the whole text is then parsed, and its errors located.
 */
function valuesByEntry(text: string): Dict | undefined {
  if (NOT_SPLITTABLE.test(text)) return undefined;
  const values: Dict = {};
  const lines = text.split('\n');
  let start = -1;
  const flush = (end: number): boolean => {
    if (start < 0) return true;
    const entry = lines.slice(start, end).join('\n');
    let value = decodePlainYaml(entry, 0, entry.length, undefined, resolveGoPlain);
    if (value === undefined) {
      const document = yamlLibrary().parseDocument(entry, SIGS_YAML_OPTIONS);
      if (document.errors.length > 0) return false;
      value = document.toJS();
    }
    if (!isDict(value)) return false;
    Object.assign(values, value);
    return true;
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (!line || /^[ \t]/.test(line) || line.startsWith('#') || line === '\r') continue;
    if (!TOP_LEVEL_KEY.test(line) || !flush(index)) return undefined;
    start = index;
  }
  return flush(lines.length) ? values : undefined;
}

function readDependencies(document: Document, lines: LineCounter, file: string): Dependency[] {
  const { isMap, isSeq } = yamlLibrary();
  const list = document.get('dependencies', true);
  if (!isSeq(list)) return [];
  return list.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const field = (key: string) => {
      const value = item.get(key);
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    };
    const name = field('name');
    if (!name) return [];
    const dependency: Dependency = { name, file, line: lines.linePos(item.range?.[0] ?? 0).line };
    for (const key of ['version', 'repository', 'alias', 'condition'] as const) {
      const value = field(key);
      if (value !== undefined) dependency[key] = value;
    }
    const tags = item.get('tags', true);
    if (isSeq(tags)) dependency.tags = tags.toJSON().map(String);
    const imports = item.get('import-values', true);
    if (isSeq(imports)) dependency.importValues = imports.toJSON();
    return [dependency];
  });
}

/** The name a subchart's values and templates go by: its alias, else its name. */
export function dependencyKey(dependency: Pick<Dependency, 'name' | 'alias'>): string {
  return dependency.alias ?? dependency.name;
}

/**
 * Every template of a chart and its vendored subcharts by the name helm gives it
 * (acme/templates/x.yaml, acme/charts/redis/templates/y.yaml; a subchart under each alias).
 */
export function templatesByName(chart: Chart, path = chart.name, names = new Map<string, ChartFile>()): Map<string, ChartFile> {
  for (const file of chart.templates) names.set(posix.join(path, file.path), file);
  for (const sub of chart.subcharts) {
    const keys = chart.dependencies.filter((dependency) => dependency.name === sub.name).map(dependencyKey);
    for (const key of keys.length > 0 ? keys : [sub.name]) templatesByName(sub, `${path}/charts/${key}`, names);
  }
  return names;
}
