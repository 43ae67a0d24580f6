// Helm values: coalescing (later sources win, maps merge, null deletes a key), the
// `--set a.b[0]=c` syntax, and the per-environment values files found next to a chart.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { yamlLibrary } from '../yaml-library.js';
import { UsageError } from '../../core/errors.js';
import { GoInt64, isDict, type Dict } from './go-values.js';
import { deepCopy } from './go-copy.js';
import { looksLikeJson } from '../manifest-text.js';
import { decodePlainYaml } from '../plain-yaml.js';
import { resolveGoPlain, SIGS_YAML_OPTIONS, unencodableError } from './sigs-yaml.js';

/**
 * A values file's mapping through the fast readers (JSON.parse for JSON text, as manifests are
 * read; the plain-YAML decoder for the rest), or undefined when the full parser must read it
 * (and locate its errors).
 */
export function quickValues(text: string): Dict | undefined {
  let values: unknown;
  if (looksLikeJson(text)) {
    try {
      values = JSON.parse(text);
    } catch {
      return undefined;
    }
  } else {
    values = decodePlainYaml(text, 0, text.length, undefined, resolveGoPlain);
  }
  return isDict(values) ? values : undefined;
}

/** Merges `override` onto a copy of `base` as `helm -f` does. */
export function coalesce(base: Dict, override: Dict): Dict {
  const result: Dict = deepCopy(base);
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete result[key];
    else if (isDict(value) && isDict(result[key])) result[key] = coalesce(result[key] as Dict, value);
    else result[key] = deepCopy(value);
  }
  return result;
}

/** Applies one `--set` argument (`a.b=1,c[0].d=x`) as Helm's strvals does; `asString`: --set-string, every value a string. */
export function applySet(values: Dict, assignment: string, asString = false): Dict {
  for (const pair of splitUnescaped(assignment, ',')) {
    const equals = indexUnescaped(pair, '=');
    if (equals <= 0) throw new UsageError(`--set "${assignment}": "${pair}" is not key=value`);
    const path = parseKeyPath(pair.slice(0, equals), assignment);
    const value = unescape(pair.slice(equals + 1));
    setPath(values, path, asString ? value : typedValue(value));
  }
  return values;
}

/** strvals' typedVal: true/false/null in any case, and int64s (decimal, not starting with 0, or 0 itself), else the text. */
function typedValue(value: string): unknown {
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (lower === 'null') return null;
  // An int64 in helm, not a float64 as numbers from YAML are; past int64 the text stays a string.
  if (value === '0' || /^[-+]?\d+$/.test(value) && value[0] !== '0') {
    const integer = BigInt(value.replace(/^\+/, ''));
    if (integer >= -(2n ** 63n) && integer < 2n ** 63n) return new GoInt64(integer);
  }
  return value;
}

function parseKeyPath(key: string, assignment: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const part of splitUnescaped(key, '.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match || (!match[1] && !match[2])) throw new UsageError(`--set "${assignment}": cannot read the key "${key}"`);
    if (match[1]) path.push(unescape(match[1]));
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

function setPath(values: Dict, path: (string | number)[], value: unknown): void {
  let container: Dict | unknown[] = values;
  path.forEach((key, position) => {
    const last = position === path.length - 1;
    const holder = container as Record<string | number, unknown>;
    if (last) {
      holder[key] = value;
      return;
    }
    const wantsList = typeof path[position + 1] === 'number';
    const existing = holder[key];
    if (wantsList ? !Array.isArray(existing) : !isDict(existing)) holder[key] = wantsList ? [] : {};
    container = holder[key] as Dict | unknown[];
  });
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === separator) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function indexUnescaped(text: string, character: string): number {
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === character) return index;
  }
  return -1;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

export interface ValuesEnvironment {
  name: string;
  /** Absolute path of the environment's values file. */
  file: string;
}

/** `values-<env>.yaml` and `values/<env>.yaml` next to a chart, sorted by name. */
export function findEnvironments(chartRoot: string): ValuesEnvironment[] {
  const environments: ValuesEnvironment[] = [];
  for (const entry of readdirSync(chartRoot)) {
    const match = /^values-(.+)\.ya?ml$/.exec(entry);
    if (match) environments.push({ name: match[1], file: join(chartRoot, entry) });
  }
  const folder = join(chartRoot, 'values');
  if (existsSync(folder)) {
    for (const entry of readdirSync(folder)) {
      const match = /^(.+)\.ya?ml$/.exec(entry);
      if (match) environments.push({ name: match[1], file: join(folder, entry) });
    }
  }
  // Code-unit order, as reports sort: the order must not depend on the machine's locale.
  return environments.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The user's --values files, --set then --set-string assignments, merged in that order as helm does. */
export function loadUserValues(files: readonly string[], assignments: readonly string[], cwd: string, stringAssignments: readonly string[] = []): Dict {
  let values: Dict = {};
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`--values ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); give a readable Helm values file`);
    }
    let parsed: unknown;
    try {
      parsed = yamlLibrary().parse(text, { ...SIGS_YAML_OPTIONS, prettyErrors: true }) ?? {};
    } catch (error) {
      // prettyErrors puts the position on the error; its message's first line is the reason.
      const at = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
      const reason = (error as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new UsageError(`--values ${file}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML (${reason}); fix the syntax`);
    }
    if (!isDict(parsed)) throw new UsageError(`--values ${file}: a values file must hold a mapping at the top level`);
    const unencodable = unencodableError(parsed);
    if (unencodable) throw new UsageError(`--values ${file}: ${unencodable}; helm refuses it too (JSON has no NaN or Inf): quote the value`);
    values = coalesce(values, parsed);
  }
  for (const assignment of assignments) applySet(values, assignment);
  for (const assignment of stringAssignments) applySet(values, assignment, true);
  return values;
}
