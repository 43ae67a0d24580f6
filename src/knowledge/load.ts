// Loads the knowledge base: the bundled data/*.yaml files, then the user's --data files,
// whose rows add to or replace the bundled ones. Every row is validated; an invalid row is
// reported with its file and position in the file, and nothing is loaded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlLibrary } from '../sources/yaml-library.js';
import { UsageError } from '../core/errors.js';
import { locateIssue } from '../core/schema-issue.js';
import { decodePlainYaml } from '../sources/plain-yaml.js';
import * as z from 'zod/mini';
import { apiRowSchema, knowledgeFileSchema, servedApiRowSchema, type ApiRow, type EksVersion, type KubernetesVersion, type ServedApiRow } from './schema.js';
import { ApiIndex } from './apis.js';
import { addonSchema, type AddonDefinition, type NodeRules } from './addon-schema.js';
import { AddonIndex, mergeAddon } from './addons.js';
import { fieldRowSchema, type FieldRow } from './fields.js';
import { drainFactValues, drainSectionSchema, type DrainFacts, type DrainSection } from './drain.js';
import { KNOWLEDGE_BUNDLE, readKnowledgeBundle } from './knowledge-bundle.js';

export interface EksCalendar {
  pricing?: { standardPerHour: number; extendedPerHour: number; source: string };
  endOfSupportAction?: string;
  endOfSupportSource?: string;
  versions: EksVersion[];
}

export interface Knowledge {
  /** When the bundled facts were gathered (the oldest date of the files loaded). */
  date: string;
  apis: ApiIndex;
  /** Built-in kinds of GA and beta group/versions, with the minors that serve them (data/served-apis.yaml). */
  servedApis: ServedApiRow[];
  eks: EksCalendar;
  kubernetes: { versions: KubernetesVersion[] };
  /** Add-on detection rules and compatibility matrices (data/addons/*.yaml). */
  addons: AddonIndex;
  /** Version skew policy, AMI families, container runtime sockets (data/nodes.yaml). */
  nodes: NodeRules;
  /** How node drains and EKS node-group updates behave (data/drain.yaml). */
  drain: DrainFacts;
  /** Fields, annotations and values that are deprecated or stop working (data/fields.yaml). */
  fields: FieldRow[];
}

/** A knowledge file that cannot be used; the message names the file and the row. */
export class KnowledgeError extends UsageError {}

export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
const BUNDLED_FILES = ['apis.yaml', 'served-apis.yaml', 'fields.yaml', 'eks.yaml', 'nodes.yaml', 'drain.yaml'];

/** The bundled data files, under `dataDirectory` (data/ of the package). */
export function bundledFiles(dataDirectory = BUNDLED_DATA_DIR): string[] {
  const addonFiles = readdirSync(join(dataDirectory, 'addons')).filter((name) => name.endsWith('.yaml')).sort();
  return [...BUNDLED_FILES, ...addonFiles.map((name) => `addons/${name}`)].map((name) => join(dataDirectory, name));
}

/** One knowledge file's content, every row validated. */
export interface KnowledgeFileRows {
  knowledgeDate?: string;
  apis: ApiRow[];
  servedApis: ServedApiRow[];
  fields: FieldRow[];
  addons: AddonDefinition[];
  nodes?: NodeRules;
  platforms?: KnowledgeFile['platforms'];
  drain?: DrainSection;
}

type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;

/**
 * `bundle` is where the bundled files' rows may have been validated already (knowledge-bundle.ts,
 * written by `npm run build`); a file whose text has changed since is read again.
 */
export function loadKnowledge(extraFiles: readonly string[] = [], bundle: string | undefined = KNOWLEDGE_BUNDLE): Knowledge {
  const apiRows = new Map<string, ApiRow>();
  const servedRows = new Map<string, ServedApiRow>();
  const eks: EksCalendar = { versions: [] };
  const kubernetes = { versions: [] as KubernetesVersion[] };
  const addons = new Map<string, AddonDefinition>();
  const nodes: NodeRules = {};
  const dates: string[] = [];
  const drainRows: DrainSection = {};
  const fieldRows = new Map<string, FieldRow>();

  const bundled = readKnowledgeBundle(bundle, BUNDLED_DATA_DIR);
  const files = [...bundledFiles(), ...extraFiles];
  for (const file of files) {
    const extra = extraFiles.includes(file);
    const text = readKnowledgeText(file);
    const content = (!extra && bundled?.rowsOf(file, text)) || readKnowledgeRows(file, text, extra);
    if (content.knowledgeDate && !extra) dates.push(content.knowledgeDate);
    for (const api of content.apis) apiRows.set(apiRowKey(api), api);
    for (const served of content.servedApis) servedRows.set(`${served.group}|${served.version}|${served.kind}`, served);
    for (const field of content.fields) fieldRows.set(field.id, field);
    for (const addon of content.addons) addons.set(addon.name, mergeAddon(addons.get(addon.name), addon));
    Object.assign(nodes, content.nodes);
    const platforms = content.platforms;
    if (platforms?.eks) {
      Object.assign(eks, { ...platforms.eks, versions: mergeByVersion(eks.versions, platforms.eks.versions) });
    }
    if (platforms?.kubernetes) {
      kubernetes.versions = mergeByVersion(kubernetes.versions, platforms.kubernetes.versions);
    }
    if (content.drain !== undefined) Object.assign(drainRows, content.drain);
  }
  const drain = drainFactValues(drainRows);
  if (!drain) throw new KnowledgeError(`knowledge files ${files.join(', ')}: the drain section is incomplete; restore data/drain.yaml`);
  return {
    date: dates.sort()[0] ?? 'unknown',
    apis: new ApiIndex([...apiRows.values()]),
    servedApis: [...servedRows.values()],
    eks,
    kubernetes,
    addons: new AddonIndex([...addons.values()]),
    nodes,
    drain,
    fields: [...fieldRows.values()],
  };
}

/** The rows of one knowledge file's text, validated; `extra` for a --data file, which must add a row. */
export function readKnowledgeRows(file: string, text: string, extra: boolean): KnowledgeFileRows {
  const content = parseKnowledgeFile(file, text);
  if (extra && !holdsRows(content)) {
    // Most likely a file written for another tool (pluto's versions file): ignoring it would
    // judge the estate without the rows its author meant to add.
    const keys = Object.keys(content).filter((key) => key !== 'knowledgeDate');
    throw new KnowledgeError(
      `knowledge file ${file} adds no row${keys.length ? ` (its top-level keys: ${keys.join(', ')})` : ''}: upshift reads rows under apis, fields, addons, platforms.eks.versions, platforms.kubernetes.versions, nodes and drain, the schema of its data/*.yaml files (see "The knowledge base, and how to extend it" in the README)`,
    );
  }
  const rows: KnowledgeFileRows = {
    apis: (content.apis ?? []).map((row, index) => validateRow(file, index, row)),
    servedApis: (content.servedApis ?? []).map((row, index) => validateServedApi(file, index, row)),
    fields: (content.fields ?? []).map((row, index) => validateField(file, index, row)),
    addons: (content.addons ?? []).map((row, index) => validateAddon(file, index, row)),
  };
  if (content.knowledgeDate !== undefined) rows.knowledgeDate = content.knowledgeDate;
  if (content.nodes !== undefined) rows.nodes = content.nodes;
  if (content.platforms !== undefined) rows.platforms = content.platforms;
  if (content.drain !== undefined) rows.drain = validateDrain(file, content.drain);
  return rows;
}

/** Whether a knowledge file holds any row or setting upshift reads. */
function holdsRows(content: KnowledgeFile): boolean {
  const { eks, kubernetes } = content.platforms ?? {};
  const { versions: eksVersions = [], ...eksSettings } = eks ?? {};
  return (
    (content.apis?.length ?? 0) + (content.fields?.length ?? 0) + (content.addons?.length ?? 0) > 0 ||
    eksVersions.length + (kubernetes?.versions.length ?? 0) > 0 ||
    Object.keys(eksSettings).length + Object.keys(content.nodes ?? {}).length > 0 ||
    (typeof content.drain === 'object' && content.drain !== null && Object.keys(content.drain).length > 0)
  );
}

function readKnowledgeText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new KnowledgeError(`knowledge file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the --data path`);
  }
}

function parseKnowledgeFile(file: string, text: string): KnowledgeFile {
  let data: unknown;
  try {
    // The fast decoder yields what `parse` would, or undefined when the full parser is needed.
    data = decodePlainYaml(text, 0, text.length) ?? yamlLibrary().parse(text, { version: '1.1', prettyErrors: true });
  } catch (error) {
    throw new KnowledgeError(`knowledge file ${file} is not valid YAML: ${(error as Error).message}`);
  }
  const result = z.safeParse(knowledgeFileSchema, data ?? {});
  if (!result.success) {
    throw new KnowledgeError(`knowledge file ${file}: ${describeIssues(result.error.issues)}`);
  }
  return result.data;
}

function validateRow(file: string, index: number, row: unknown): ApiRow {
  const result = z.safeParse(apiRowSchema, row);
  if (result.success) return result.data;
  const fields = (row ?? {}) as Record<string, unknown>;
  const label = [fields.group ? `${fields.group}/${fields.version}` : fields.version, fields.kind].filter(Boolean).join(' ');
  throw new KnowledgeError(`knowledge file ${file}: apis[${index}]${label ? ` (${label})` : ''}: ${describeIssues(result.error.issues)}`);
}

function validateServedApi(file: string, index: number, row: unknown): ServedApiRow {
  const result = z.safeParse(servedApiRowSchema, row);
  if (result.success) return result.data;
  const fields = (row ?? {}) as Record<string, unknown>;
  const label = [fields.group ? `${fields.group}/${fields.version}` : fields.version, fields.kind].filter(Boolean).join(' ');
  throw new KnowledgeError(`knowledge file ${file}: servedApis[${index}]${label ? ` (${label})` : ''}: ${describeIssues(result.error.issues)}`);
}

function validateField(file: string, index: number, row: unknown): FieldRow {
  const result = z.safeParse(fieldRowSchema, row);
  if (result.success) return result.data;
  const id = (row as { id?: unknown } | null)?.id;
  throw new KnowledgeError(`knowledge file ${file}: fields[${index}]${typeof id === 'string' ? ` (${id})` : ''}: ${describeIssues(result.error.issues)}`);
}

function validateAddon(file: string, index: number, row: unknown): AddonDefinition {
  const result = z.safeParse(addonSchema, row);
  if (result.success) return result.data;
  const name = (row as { name?: unknown } | null)?.name;
  throw new KnowledgeError(`knowledge file ${file}: addons[${index}]${typeof name === 'string' ? ` (${name})` : ''}: ${describeIssues(result.error.issues)}`);
}

function validateDrain(file: string, section: unknown): DrainSection {
  const result = z.safeParse(drainSectionSchema, section);
  if (result.success) return result.data;
  throw new KnowledgeError(`knowledge file ${file}: drain.${describeIssues(result.error.issues)}`);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => locateIssue(issue, '(row)')).join('; ');
}

export function apiRowKey(row: Pick<ApiRow, 'component' | 'group' | 'version' | 'kind'>): string {
  return `${row.component}|${row.group}|${row.version}|${row.kind}`;
}

function mergeByVersion<T extends { version: string }>(existing: T[], added: T[]): T[] {
  const merged = new Map(existing.map((row) => [row.version, row]));
  for (const row of added) merged.set(row.version, row);
  return [...merged.values()].sort((a, b) => Number(a.version.split('.')[1]) - Number(b.version.split('.')[1]));
}
