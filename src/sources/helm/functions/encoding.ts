// Helm's YAML/JSON conversions (keys sorted, as Go's encoders write them) and Sprig's
// encodings and checksums.
import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';
import type { TemplateFunction } from '../execute.js';
import { isDict } from '../go-values.js';
import { arity, text } from './arguments.js';

// Charts call toYaml on the same values in every template and every environment
// (resources, labels, annotations), and yaml's stringify is the renderer's costliest call:
// its result is remembered by content, which stays right when templates mutate values.
const yamlByContent = new Map<string, string>();
const YAML_CACHE_LIMIT = 10_000;

function toYaml(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const key = isJsonData(value) ? JSON.stringify(value) : undefined;
  const cached = key === undefined ? undefined : yamlByContent.get(key);
  if (cached !== undefined) return cached;
  const yaml = stringify(value, { sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false }).replace(/\n$/, '');
  if (key !== undefined) {
    if (yamlByContent.size >= YAML_CACHE_LIMIT) yamlByContent.clear();
    yamlByContent.set(key, yaml);
  }
  return yaml;
}

/** Whether JSON.stringify keeps all of `value` (no undefined, holes, -0, NaN, dates, functions), so it can key the cache. */
function isJsonData(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) if (!(index in value) || !isJsonData(value[index], depth + 1)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) if (!isJsonData((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Go's encoding/json: sorted keys; escapeHtml as json.Marshal does (toJson), not as toRawJson does. */
function toJson(value: unknown, escapeHtml: boolean, indent = 0): string {
  const json = JSON.stringify(sortKeys(value) ?? null, null, indent);
  return escapeHtml ? json.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : json;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isDict(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
  return value;
}

/** Helm's fromYaml/fromJson never fail a render: a parse error comes back under "Error". */
function parseOr(textValue: string, parser: (input: string) => unknown, fallback: (message: string) => unknown): unknown {
  try {
    return parser(textValue) ?? {};
  } catch (error) {
    return fallback((error as Error).message);
  }
}

export const encoding: Record<string, TemplateFunction> = {
  toYaml: (args) => (arity('toYaml', args, 1), toYaml(args[0])),
  fromYaml: (args) => (arity('fromYaml', args, 1), parseOr(text(args[0]), (input) => parse(input), (message) => ({ Error: message }))),
  fromYamlArray: (args) => (arity('fromYamlArray', args, 1), parseOr(text(args[0]), (input) => parse(input), (message) => [message])),
  toJson: (args) => (arity('toJson', args, 1), toJson(args[0], true)),
  toRawJson: (args) => (arity('toRawJson', args, 1), toJson(args[0], false)),
  toPrettyJson: (args) => (arity('toPrettyJson', args, 1), toJson(args[0], true, 2)),
  fromJson: (args) => (arity('fromJson', args, 1), parseOr(text(args[0]), JSON.parse, (message) => ({ Error: message }))),
  b64enc: (args) => (arity('b64enc', args, 1), Buffer.from(text(args[0])).toString('base64')),
  b64dec: (args) => (arity('b64dec', args, 1), Buffer.from(text(args[0]), 'base64').toString('utf8')),
  sha256sum: (args) => (arity('sha256sum', args, 1), createHash('sha256').update(text(args[0])).digest('hex')),
  sha1sum: (args) => (arity('sha1sum', args, 1), createHash('sha1').update(text(args[0])).digest('hex')),
};
