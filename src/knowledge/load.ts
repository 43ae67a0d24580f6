// Loads the knowledge base: the bundled data/*.yaml files, then the user's --data files,
// whose rows add to or replace the bundled ones. Every row is validated; an invalid row is
// reported with its file and position in the file, and nothing is loaded.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
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

function bundledFiles(): string[] {
  const addonFiles = readdirSync(BUNDLED_DATA_DIR + 'addons').filter((name) => name.endsWith('.yaml')).sort();
  return [...BUNDLED_FILES, ...addonFiles.map((name) => `addons/${name}`)].map((name) => BUNDLED_DATA_DIR + name);
}

export function loadKnowledge(extraFiles: readonly string[] = []): Knowledge {
  const apiRows = new Map<string, ApiRow>();
  const servedRows = new Map<string, ServedApiRow>();
  const eks: EksCalendar = { versions: [] };
  const kubernetes = { versions: [] as KubernetesVersion[] };
  const addons = new Map<string, AddonDefinition>();
  const nodes: NodeRules = {};
  const dates: string[] = [];
  const drainRows: DrainSection = {};
  const fieldRows = new Map<string, FieldRow>();

  const files = [...bundledFiles(), ...extraFiles];
  for (const file of files) {
    const content = readKnowledgeFile(file);
    if (extraFiles.includes(file) && !holdsRows(content)) {
      // Most likely a file written for another tool (pluto's versions file): ignoring it would
      // judge the estate without the rows its author meant to add.
      const keys = Object.keys(content).filter((key) => key !== 'knowledgeDate');
      throw new KnowledgeError(
        `knowledge file ${file} adds no row${keys.length ? ` (its top-level keys: ${keys.join(', ')})` : ''}: upshift reads rows under apis, fields, addons, platforms.eks.versions, platforms.kubernetes.versions, nodes and drain, the schema of its data/*.yaml files (see "The knowledge base, and how to extend it" in the README)`,
      );
    }
    if (content.knowledgeDate && !extraFiles.includes(file)) dates.push(content.knowledgeDate);
    (content.apis ?? []).forEach((row, index) => {
      const api = validateRow(file, index, row);
      apiRows.set(apiRowKey(api), api);
    });
    (content.servedApis ?? []).forEach((row, index) => {
      const served = validateServedApi(file, index, row);
      servedRows.set(`${served.group}|${served.version}|${served.kind}`, served);
    });
    (content.fields ?? []).forEach((row, index) => {
      const field = validateField(file, index, row);
      fieldRows.set(field.id, field);
    });
    (content.addons ?? []).forEach((row, index) => {
      const addon = validateAddon(file, index, row);
      addons.set(addon.name, mergeAddon(addons.get(addon.name), addon));
    });
    Object.assign(nodes, content.nodes);
    const platforms = content.platforms;
    if (platforms?.eks) {
      Object.assign(eks, { ...platforms.eks, versions: mergeByVersion(eks.versions, platforms.eks.versions) });
    }
    if (platforms?.kubernetes) {
      kubernetes.versions = mergeByVersion(kubernetes.versions, platforms.kubernetes.versions);
    }
    if (content.drain !== undefined) Object.assign(drainRows, validateDrain(file, content.drain));
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

/** Whether a knowledge file holds any row or setting upshift reads. */
function holdsRows(content: z.infer<typeof knowledgeFileSchema>): boolean {
  const { eks, kubernetes } = content.platforms ?? {};
  const { versions: eksVersions = [], ...eksSettings } = eks ?? {};
  return (
    (content.apis?.length ?? 0) + (content.fields?.length ?? 0) + (content.addons?.length ?? 0) > 0 ||
    eksVersions.length + (kubernetes?.versions.length ?? 0) > 0 ||
    Object.keys(eksSettings).length + Object.keys(content.nodes ?? {}).length > 0 ||
    (typeof content.drain === 'object' && content.drain !== null && Object.keys(content.drain).length > 0)
  );
}

function readKnowledgeFile(file: string): z.infer<typeof knowledgeFileSchema> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KnowledgeError(`knowledge file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the --data path`);
  }
  let data: unknown;
  try {
    // The fast decoder yields what `parse` would, or undefined when the full parser is needed.
    data = decodePlainYaml(text, 0, text.length) ?? parse(text, { version: '1.1', prettyErrors: true });
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
