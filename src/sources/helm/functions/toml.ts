// Helm's toToml and fromToml: BurntSushi/toml's encoder on template values (keys sorted,
// plain keys before tables, tables as [a.b] headers indented two spaces per level, arrays of
// maps as [[a]] tables, float64 numbers always with a fraction), and its decoder into a
// map[string]interface {} (smol-toml parses; the values become the Go types BurntSushi gives).
import { parse, TomlDate, TomlError } from 'smol-toml';
import { GoInt64, GoTime, isDict, markGoType, type Dict } from '../go-values.js';

function quoteKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

function tomlString(value: string): string {
  return `"${value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
    return escapes[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  })}"`;
}

function tomlValue(value: unknown): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint' || value instanceof GoInt64) return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    const text = String(value);
    return /[.e]/.test(text) ? text : `${text}.0`;
  }
  if (Array.isArray(value)) return `[${value.filter((item) => item !== null && item !== undefined).map(tomlValue).join(', ')}]`;
  if (isDict(value)) return `{${Object.keys(value).sort().filter((key) => value[key] !== null && value[key] !== undefined).map((key) => `${quoteKey(key)} = ${tomlValue(value[key])}`).join(', ')}}`;
  return '""';
}

function isTableArray(value: unknown): value is Dict[] {
  return Array.isArray(value) && value.length > 0 && value.every(isDict);
}

function writeTable(map: Dict, path: string[], out: string[]): void {
  const keys = Object.keys(map).sort();
  for (const key of keys) {
    const value = map[key];
    if (value === null || value === undefined || isDict(value) || isTableArray(value)) continue;
    out.push(`${'  '.repeat(path.length)}${quoteKey(key)} = ${tomlValue(value)}`);
  }
  for (const key of keys) {
    const value = map[key];
    const childPath = [...path, key];
    const header = childPath.map(quoteKey).join('.');
    const headerIndent = '  '.repeat(childPath.length - 1);
    // BurntSushi separates a top-level table with a blank line, a nested one with none.
    const gap = childPath.length === 1 ? [''] : [];
    if (isDict(value)) {
      out.push(...gap, `${headerIndent}[${header}]`);
      writeTable(value, childPath, out);
    } else if (isTableArray(value)) {
      for (const item of value) {
        out.push(...gap, `${headerIndent}[[${header}]]`);
        writeTable(item, childPath, out);
      }
    }
  }
}

export function toToml(value: unknown): string {
  if (!isDict(value)) return 'toml: top-level values must be Go maps or structs';
  const out: string[] = [];
  writeTable(value, [], out);
  while (out[0] === '') out.shift();
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/**
 * Helm's fromToml: the document as BurntSushi/toml decodes it into a map (integers int64 —
 * bigints here —, floats float64, dates time.Time, `[[a]]` tables []map[string]interface {}),
 * or, when it does not parse, a map holding only "Error". The error's wording is smol-toml's
 * after BurntSushi's "toml: line N:" prefix, not BurntSushi's own.
 */
export function fromToml(input: string): Dict {
  let document: Record<string, unknown>;
  try {
    document = parse(input, { integersAsBigInt: true, maxDepth: 1000 }) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    return { Error: `toml: line ${error.line}: ${reason}` };
  }
  return goValue(document, '', tableArrayPaths(input)) as Dict;
}

function goValue(value: unknown, path: string, tableArrays: ReadonlySet<string>): unknown {
  if (value instanceof TomlDate) return goTime(value);
  if (typeof value === 'bigint') return new GoInt64(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => goValue(item, path, tableArrays));
    return tableArrays.has(path) ? markGoType(items, '[]map[string]interface {}') : items;
  }
  if (typeof value === 'object' && value !== null) {
    const map: Dict = {};
    for (const [key, item] of Object.entries(value)) map[key] = goValue(item, path ? `${path}\u0000${key}` : key, tableArrays);
    return map;
  }
  return value;
}

/** A TOML date or time as BurntSushi gives it: UTC, a fixed offset, or one of its local zones. */
function goTime(date: TomlDate): GoTime {
  if (date.isDate()) return new GoTime(date.getTime(), 0, 'date-local');
  if (date.isTime()) return new GoTime(date.getTime(), 0, 'time-local');
  if (date.isLocal()) return new GoTime(date.getTime(), 0, 'datetime-local');
  const offset = /([-+])(\d{2}):(\d{2})$/.exec(date.toISOString());
  if (!offset) return new GoTime(date.getTime());
  const minutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === '-' ? -1 : 1);
  return new GoTime(date.getTime(), minutes, null);
}

/**
 * The key paths (joined by NUL) of the `[[a.b]]` headers: their arrays are
 * []map[string]interface {} in Go, where an inline array of tables stays []interface {}.
 */
function tableArrayPaths(input: string): Set<string> {
  const paths = new Set<string>();
  for (const match of input.matchAll(/^[ \t]*\[\[(.+?)\]\][ \t]*(?:#.*)?$/gm)) {
    const keys = [...match[1].matchAll(/[ \t]*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)[ \t]*(?:\.|$)/g)].map(([, key]) =>
      key.startsWith('"') ? (JSON.parse(key) as string) : key.startsWith("'") ? key.slice(1, -1) : key,
    );
    paths.add(keys.join('\u0000'));
  }
  return paths;
}
