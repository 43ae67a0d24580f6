// Helm's YAML/JSON/TOML conversions (keys sorted, as Go's encoders write them) and Sprig's
// encodings and checksums.
import { createHash } from 'node:crypto';
import { yamlLibrary } from '../../yaml-library.js';
import type { TemplateFunction } from '../execute.js';
import { FunctionError } from '../execute.js';
import { isDict } from '../go-values.js';
import { goYaml } from '../go-yaml.js';
import { resolveGoPlain, SIGS_YAML_OPTIONS, unencodableError } from '../sigs-yaml.js';
import { arity, text } from './arguments.js';
import { fromToml, toToml } from './toml.js';
import { decodePlainYaml } from '../../plain-yaml.js';
import { isJsonExact } from '../../json-exact.js';

// Charts call toYaml on the same values in every template and every environment
// (resources, labels, annotations): its result is remembered by content, which stays right
// when templates mutate values.
const yamlByContent = new Map<string, string>();
const YAML_CACHE_LIMIT = 10_000;

function toYaml(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const key = isJsonExact(value) ? JSON.stringify(value) : undefined;
  const cached = key === undefined ? undefined : yamlByContent.get(key);
  if (cached !== undefined) return cached;
  const yaml = goYaml(value);
  if (key !== undefined) {
    if (yamlByContent.size >= YAML_CACHE_LIMIT) yamlByContent.clear();
    yamlByContent.set(key, yaml);
  }
  return yaml;
}

const UNENCODABLE = Symbol('unencodable');

/** Go's encoding/json: sorted keys, Go's number forms, HTML escaped as json.Marshal does (toJson), not as toRawJson does. */
function goJson(value: unknown, escapeHtml: boolean, indent = '', level = ''): string | typeof UNENCODABLE {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string': {
      const json = JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
      return escapeHtml ? json.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : json;
    }
    case 'boolean':
      return String(value);
    case 'bigint':
      return value.toString();
    case 'number':
      if (!Number.isFinite(value)) return UNENCODABLE;
      return Object.is(value, -0) ? '-0' : JSON.stringify(value); // encoding/json keeps the sign of a float64 zero
    case 'object': {
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return goJson((value as { toJSON(): unknown }).toJSON(), escapeHtml, indent, level);
      const inner = level + indent;
      const open = indent ? `\n${inner}` : '';
      const close = indent ? `\n${level}` : '';
      const separator = indent ? `,\n${inner}` : ',';
      const parts: string[] = [];
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        for (const item of value) {
          const json = goJson(item, escapeHtml, indent, inner);
          if (json === UNENCODABLE) return json;
          parts.push(json);
        }
        return `[${open}${parts.join(separator)}${close}]`;
      }
      const keys = Object.keys(value).sort();
      if (keys.length === 0) return '{}';
      for (const key of keys) {
        const json = goJson((value as Record<string, unknown>)[key], escapeHtml, indent, inner);
        if (json === UNENCODABLE) return json;
        parts.push(`${goJson(key, escapeHtml) as string}:${indent ? ' ' : ''}${json}`);
      }
      return `{${open}${parts.join(separator)}${close}}`;
    }
    default:
      return UNENCODABLE;
  }
}

function jsonFunction(name: string, escapeHtml: boolean, indent: string, must: boolean): TemplateFunction {
  return (args) => {
    arity(name, args, 1);
    const json = goJson(args[0], escapeHtml, indent);
    if (json !== UNENCODABLE) return json;
    if (must) throw new FunctionError('json: unsupported value');
    return '';
  };
}

/** The first YAML document as sigs.k8s.io/yaml's Unmarshal reads it, or the error helm reports. */
function readYaml(input: string): { value?: unknown; error?: string } {
  // Most inputs (a chart's own values through include/tpl) are plain YAML, which the fast
  // decoder reads as helm's reader would (with its scalar resolution); it bails out on
  // everything else (timestamps, merge keys, duplicate keys, tags, several documents).
  const plain = decodePlainYaml(input, 0, input.length, undefined, resolveGoPlain);
  if (plain !== undefined) return jsonOrError(toJsonData(plain));
  const documents = yamlLibrary().parseAllDocuments(input, SIGS_YAML_OPTIONS);
  const list = Array.isArray(documents) ? documents : [];
  const first = list[0];
  if (!first) return { value: null };
  if (first.errors.length > 0) return { error: `error converting YAML to JSON: yaml: ${first.errors[0].message.split('\n')[0]}` };
  return jsonOrError(toJsonData(first.toJS({ maxAliasCount: -1 })));
}

/** What helm's JSON step refuses (.inf, .nan, a null key) is its error, whichever reader read the YAML. */
function jsonOrError(value: unknown): { value?: unknown; error?: string } {
  const unencodable = unencodableError(value);
  return unencodable ? { error: unencodable } : { value };
}

/** Map keys as strings and numbers as float64, as the JSON step leaves them. */
function toJsonData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonData);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), toJsonData(item)]));
  if (isDict(value)) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) result[key] = toJsonData(value[key]);
    return result;
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function fromYaml(input: string): unknown {
  const { value, error } = readYaml(input);
  if (error) return { Error: error };
  if (value === null || value === undefined) return {};
  if (!isDict(value)) return { Error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}` };
  return value;
}

function fromYamlArray(input: string): unknown {
  const { value, error } = readYaml(input);
  if (error) return [error];
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go value of type []interface {}`];
  return value;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (isDict(value)) return 'object';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

function readJson(input: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(input) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(input: string): string {
  const bytes = Buffer.from(input);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function base32Decode(input: string): string {
  const clean = input.replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (let index = 0; index < clean.length; index++) {
    const digit = base32Alphabet.indexOf(clean[index]);
    if (digit < 0) return `illegal base32 data at input byte ${index}`;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes).toString();
}

function base64Decode(input: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input) || input.length % 4 !== 0) {
    const bad = input.search(/[^A-Za-z0-9+/=]/);
    return `illegal base64 data at input byte ${bad >= 0 ? bad : input.length - (input.length % 4)}`;
  }
  return Buffer.from(input, 'base64').toString('utf8');
}

/** Adler-32, as Go's hash/adler32. */
function adler32(input: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(input)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export const encoding: Record<string, TemplateFunction> = {
  toYaml: (args) => (arity('toYaml', args, 1), toYaml(args[0])),
  mustToYaml: (args) => (arity('mustToYaml', args, 1), toYaml(args[0])),
  toYamlPretty: (args) => (arity('toYamlPretty', args, 1), goYaml(args[0], true)),
  fromYaml: (args) => (arity('fromYaml', args, 1), fromYaml(text(args[0]))),
  fromYamlArray: (args) => (arity('fromYamlArray', args, 1), fromYamlArray(text(args[0]))),
  toJson: jsonFunction('toJson', true, '', false),
  mustToJson: jsonFunction('mustToJson', true, '', true),
  toRawJson: jsonFunction('toRawJson', false, '', false),
  mustToRawJson: jsonFunction('mustToRawJson', false, '', true),
  toPrettyJson: jsonFunction('toPrettyJson', true, '  ', false),
  mustToPrettyJson: jsonFunction('mustToPrettyJson', true, '  ', true),
  fromJson: (args) => {
    arity('fromJson', args, 1);
    const { value, error } = readJson(text(args[0]));
    if (error) return { Error: error };
    return isDict(value) ? value : { Error: `json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}` };
  },
  mustFromJson: (args) => {
    arity('mustFromJson', args, 1);
    const { value, error } = readJson(text(args[0]));
    if (error) throw new FunctionError(error);
    return value;
  },
  fromJsonArray: (args) => {
    arity('fromJsonArray', args, 1);
    const { value, error } = readJson(text(args[0]));
    if (error) return [error];
    return Array.isArray(value) ? value : [`json: cannot unmarshal ${jsonKind(value)} into Go value of type []interface {}`];
  },
  toToml: (args) => (arity('toToml', args, 1), toToml(args[0])),
  fromToml: (args) => (arity('fromToml', args, 1), fromToml(text(args[0]))),
  b64enc: (args) => (arity('b64enc', args, 1), Buffer.from(text(args[0])).toString('base64')),
  b64dec: (args) => (arity('b64dec', args, 1), base64Decode(text(args[0]))),
  b32enc: (args) => (arity('b32enc', args, 1), base32Encode(text(args[0]))),
  b32dec: (args) => (arity('b32dec', args, 1), base32Decode(text(args[0]))),
  sha256sum: (args) => (arity('sha256sum', args, 1), createHash('sha256').update(text(args[0])).digest('hex')),
  sha1sum: (args) => (arity('sha1sum', args, 1), createHash('sha1').update(text(args[0])).digest('hex')),
  sha512sum: (args) => (arity('sha512sum', args, 1), createHash('sha512').update(text(args[0])).digest('hex')),
  adler32sum: (args) => (arity('adler32sum', args, 1), String(adler32(text(args[0])))),
};
