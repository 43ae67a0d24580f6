// How helm reads YAML (values files, --values, fromYaml): sigs.k8s.io/yaml, which resolves
// plain scalars as go-yaml v2 does (YAML 1.1 booleans y/n/yes/no/on/off, Go's integer
// syntax 0x1F/0o17/017/0b101 with `_` separators, a float only with a digit: `.` and `e3`
// stay strings; no sexagesimal numbers, timestamps kept as strings) and then goes through
// JSON: every number becomes a float64 (a JS number; an integer -0 becomes 0), a map key
// that is not a string becomes its text ("true" for `on:`), and NaN or ±Inf cannot be
// encoded, which fails the whole read.
import type { DocumentOptions, ParseOptions, ScalarTag, SchemaOptions, ToJSOptions } from 'yaml';
import { formatFloat, isDict } from './go-values.js';

// go-yaml v2's resolve table (resolve.go): the words, then the number forms by first character.
const WORDS = new Map<string, unknown>();
for (const word of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) WORDS.set(word, true);
for (const word of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) WORDS.set(word, false);
for (const word of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(word, null);
for (const word of ['.nan', '.NaN', '.NAN']) WORDS.set(word, NaN);
for (const word of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) WORDS.set(word, Infinity);
for (const word of ['-.inf', '-.Inf', '-.INF']) WORDS.set(word, -Infinity);

/** strconv.ParseInt/ParseUint with base 0 (after go-yaml removed every `_`): sign, then 0x, 0o, 0b, 0 (octal) or decimal. */
const GO_INTEGER = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;
/** go-yaml's yamlStyleFloat, which a number must match before strconv.ParseFloat reads it. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** strconv.ParseFloat's decimal syntax for what starts with `.` (underscores between digits allowed). */
const DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The integer strconv's base-0 syntax reads in `plain` (any size), and whether it carries a sign; undefined when it is no integer. */
function goInteger(plain: string): { value: bigint; signed: boolean } | undefined {
  const match = GO_INTEGER.exec(plain);
  if (!match) return undefined;
  const [, sign, hex, octal, binary, legacyOctal, decimal] = match;
  const digits = hex !== undefined ? `0x${hex}` : octal !== undefined ? `0o${octal}` : binary !== undefined ? `0b${binary}` : legacyOctal ? `0o${legacyOctal}` : (decimal ?? '0');
  const magnitude = BigInt(digits);
  return { value: sign === '-' ? -magnitude : magnitude, signed: sign !== '' };
}

/** What a plain scalar is after sigs.k8s.io/yaml: null, a boolean, a float64 (JS number, NaN/±Inf included), or the text itself. */
export function resolveGoPlain(text: string): unknown {
  if (text.length <= 6 && WORDS.has(text)) return WORDS.get(text);
  const c = text.charCodeAt(0);
  if (c === 46) {
    // `.`: strconv.ParseFloat on the text as written (`.5`, `.5e3`; `.` and `..` are strings).
    return DOT_FLOAT.test(text) ? parseFloat(text.replaceAll('_', '')) : text;
  }
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45)) return text;
  // The common case (replicas, ports): decimal digits without a leading zero, few enough to be exact.
  if (c !== 48 && text.length <= 15 && /^[0-9]+$/.test(text)) return parseInt(text, 10);
  const plain = text.includes('_') ? text.replaceAll('_', '') : text;
  const integer = goInteger(plain);
  // ParseInt takes int64; ParseUint (no sign) the rest of uint64; past that the text falls through.
  if (integer && (integer.value >= INT64_MIN && integer.value <= INT64_MAX || (!integer.signed && integer.value <= UINT64_MAX))) return Number(integer.value); // JSON's float64; an integer -0 is 0
  if (YAML_STYLE_FLOAT.test(plain)) {
    const value = parseFloat(plain);
    // ParseFloat fails on overflow (1e400), and the text stays a string.
    if (Number.isFinite(value)) return value;
  }
  return text;
}

/** The first NaN or ±Inf in a value read from YAML, as Go names it (encoding/json refuses them), or undefined. */
export function unencodableNumber(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  if (depth > 10_000 || typeof value !== 'object' || value === null) return undefined;
  for (const item of Array.isArray(value) ? value : isDict(value) ? Object.values(value) : []) {
    const found = unencodableNumber(item, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The error helm reports for such a value: "error converting YAML to JSON: json: unsupported value: +Inf". */
export function unencodableError(value: unknown): string | undefined {
  const number = unencodableNumber(value);
  return number ? `error converting YAML to JSON: json: unsupported value: ${number}` : undefined;
}

/** go-yaml v2's numbers, one tag for ints and floats (both are float64 after JSON). */
const goNumber: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:float',
  // `yaml` only calls test(): a RegExp-shaped object whose test is go-yaml's resolution.
  test: { test: (text: string) => typeof resolveGoPlain(text) === 'number' } as unknown as RegExp,
  resolve: (text) => resolveGoPlain(text),
};

/**
 * A plain map key that go-yaml reads as a number, as sigs.k8s.io/yaml turns it into JSON's
 * string key: an int in decimal (exact), a float as float32 %g ("3.1415927", "1e-07"); a key
 * past int64 fails the read, as it does in helm.
 */
function numberKey(text: string): string {
  const integer = goInteger(text.replaceAll('_', ''));
  if (integer && integer.value >= INT64_MIN && integer.value <= INT64_MAX) return integer.value.toString();
  if (integer && !integer.signed && integer.value <= UINT64_MAX) throw new Error(`error converting YAML to JSON: unsupported map key of type: uint64, key: ${text}`);
  const single = Math.fround(resolveGoPlain(text) as number);
  for (let digits = 1; digits <= 9 && Number.isFinite(single); digits++) {
    const shortest = Number(single.toPrecision(digits));
    if (Math.fround(shortest) === single) return formatFloat(shortest);
  }
  return formatFloat(single);
}

/** Map keys (only there: `default: 'key'`) that go-yaml reads as numbers or null, as sigs.k8s.io/yaml turns them into strings. */
const goNumberKey: ScalarTag = {
  default: 'key',
  tag: 'tag:yaml.org,2002:str',
  test: { test: (text: string) => typeof resolveGoPlain(text) === 'number' } as unknown as RegExp,
  resolve: numberKey,
};
const goNullKey: ScalarTag = {
  default: 'key',
  tag: 'tag:yaml.org,2002:null',
  test: /^(?:~|[Nn]ull|NULL)?$/,
  resolve: () => {
    throw new Error('error converting YAML to JSON: unsupported map key of type: %!s(<nil>)');
  },
};

// Tags `yaml` has in YAML 1.1 that go-yaml v2 does not apply to interface{} values (or that
// goNumber replaces): its int and float forms (sexagesimal 1:30 included), timestamps, binary, sets, ordered maps.
const REPLACED_TAGS = new Set(['int', 'float', 'timestamp', 'binary', 'set', 'omap', 'pairs'].map((name) => `tag:yaml.org,2002:${name}`));

/** `yaml` options that read a document as sigs.k8s.io/yaml does (then toJS, and check unencodableError). */
export const SIGS_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {
  version: '1.1',
  uniqueKeys: false, // a repeated key: the last one wins
  merge: true,
  maxAliasCount: -1,
  customTags: (tags) => [goNumberKey, goNullKey, ...tags.filter((tag) => typeof tag === 'object' && !REPLACED_TAGS.has(tag.tag)), goNumber],
};
