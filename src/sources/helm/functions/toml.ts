// Helm's toToml: BurntSushi/toml's encoder on template values. Keys sorted, plain keys
// before tables, tables as [a.b] headers indented two spaces per level, arrays of maps as
// [[a]] tables, float64 numbers always with a fraction.
import { isDict, type Dict } from '../go-values.js';

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
  if (typeof value === 'bigint') return value.toString();
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
