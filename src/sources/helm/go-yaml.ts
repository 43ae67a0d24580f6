// YAML as Helm's toYaml writes it: sigs.k8s.io/yaml, i.e. encoding/json then go-yaml v2's
// emitter. Keys sorted in go-yaml's order (digit runs compare as numbers), sequences not
// indented under their key, strings that would read back as another type double-quoted,
// multi-line strings as literal blocks, and long lines folded at 80 columns as go-yaml does.
import { formatFloat, isDict } from './go-values.js';
import { resolveGoPlain } from './sigs-yaml.js';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
/** toYamlPretty (go-yaml v3, no JSON step) indents a sequence under its key; toYaml does not. */
let sequenceIndent = 0;

/** The YAML text of a template value (no trailing newline), or undefined when encoding/json would fail. */
export function goYaml(value: unknown, indentSequences = false): string {
  sequenceIndent = indentSequences ? BEST_INDENT : 0;
  const node = jsonRoundTrip(value);
  if (node === FAILED) return '';
  let text: string;
  if (Array.isArray(node) && node.length > 0) text = sequence(node, 0, false);
  else if (isDict(node) && Object.keys(node).length > 0) text = mapping(node, 0, false);
  else text = isEmptyCollection(node) ?? scalar(node, 0, BEST_INDENT, false);
  return text;
}

const FAILED = Symbol('unencodable');

/** What the value becomes through json.Marshal and a YAML read: plain data, numbers typed as YAML reads their JSON text. */
function jsonRoundTrip(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return value;
    case 'number':
      if (!Number.isFinite(value)) return FAILED;
      // JSON writes integral floats below 1e21 as integers, which YAML reads back as ints
      // (toYamlPretty encodes directly, so its float64s stay floats).
      if (sequenceIndent === 0 && Number.isInteger(value) && Math.abs(value) < 1.8446744073709552e19) return BigInt(String(value));
      return value;
    case 'object': {
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        for (const item of value) {
          const converted = jsonRoundTrip(item);
          if (converted === FAILED) return FAILED;
          items.push(converted);
        }
        return items;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return jsonRoundTrip((value as { toJSON(): unknown }).toJSON());
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const converted = jsonRoundTrip((value as Record<string, unknown>)[key]);
        if (converted === FAILED) return FAILED;
        result[key] = converted;
      }
      return result;
    }
    default:
      return FAILED;
  }
}

function isLetter(character: string): boolean {
  return /\p{L}/u.test(character);
}

function isDigit(character: string): boolean {
  return character >= '0' && character <= '9';
}

/** go-yaml v2's keyList.Less for string keys. */
function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

function sortedKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map).sort((a, b) => (a === b ? 0 : yamlKeyLess(a, b) ? -1 : 1));
}

function isEmptyCollection(value: unknown): string | undefined {
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isDict(value) && Object.keys(value).length === 0) return '{}';
  return undefined;
}

/** A block mapping at `indent`; the first key is not indented when it follows "- ". */
function mapping(map: Record<string, unknown>, indent: number, inline: boolean): string {
  let out = '';
  let first = true;
  for (const key of sortedKeys(map)) {
    const pad = first && inline ? '' : ' '.repeat(indent);
    if (!first) out += '\n';
    first = false;
    const keyText = scalar(key, indent, indent, true);
    out += `${pad}${keyText}:`;
    out += value(map[key], indent, indent + keyText.length + 1, true);
  }
  return out;
}

/** A block sequence at `indent`. */
function sequence(list: unknown[], indent: number, inline: boolean): string {
  let out = '';
  list.forEach((item, index) => {
    if (index > 0) out += '\n';
    out += `${index === 0 && inline ? '' : ' '.repeat(indent)}-`;
    out += value(item, indent, indent + 1, false);
  });
  return out;
}

/** The text after "key:" or "-": a nested block or " scalar". `column` is where the indicator ended. */
function value(item: unknown, indent: number, column: number, inMapping: boolean): string {
  const empty = isEmptyCollection(item);
  if (empty) return ` ${empty}`;
  if (isDict(item)) return inMapping ? `\n${mapping(item, indent + BEST_INDENT, false)}` : ` ${mapping(item, indent + BEST_INDENT, true)}`;
  if (Array.isArray(item)) return inMapping ? `\n${sequence(item, indent + sequenceIndent, false)}` : ` ${sequence(item, indent + BEST_INDENT, true)}`;
  return ` ${scalar(item, column + 1, indent + BEST_INDENT, false)}`;
}

function scalar(item: unknown, column: number, indent: number, simpleKey: boolean): string {
  if (item === null || item === undefined) return 'null';
  if (typeof item === 'boolean') return String(item);
  if (typeof item === 'bigint') return item.toString();
  if (typeof item === 'number') {
    const text = formatFloat(item);
    return text === '+Inf' ? '.inf' : text === '-Inf' ? '-.inf' : text === 'NaN' ? '.nan' : text;
  }
  return stringScalar(String(item), column, indent, simpleKey);
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether go-yaml v2 would read `text` unquoted as something other than a string (an out-of-range 0xFF... stays a string). */
function resolvesAsNonString(text: string): boolean {
  return resolveGoPlain(text) !== text || isTimestamp(text);
}

function isTimestamp(text: string): boolean {
  if (!/^\d{4}-/.test(text)) return false;
  return /^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{1,2}(:\d{2})?)?)?$/.test(text) && !Number.isNaN(Date.parse(text.replace(/^(\d{4})-(\d)-/, '$1-0$2-')));
}

function isPrintable(code: number): boolean {
  return code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff);
}

function isBreak(character: string | undefined): boolean {
  return character === '\n' || character === '\r' || character === '\u0085' || character === '\u2028' || character === '\u2029';
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar, for block context. */
function analyze(runes: string[]): Analysis {
  if (runes.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = false;
  const head = runes.slice(0, 3).join('');
  if (head === '---' || head === '...') blockIndicators = true;
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  for (let i = 0; i < runes.length; i++) {
    const c = runes[i];
    const next = runes[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(c.codePointAt(0)!)) specialCharacters = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === runes.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === runes.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || isBreak(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || specialCharacters) blockPlainAllowed = singleQuotedAllowed = blockAllowed = false;
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

function stringScalar(text: string, column: number, indent: number, simpleKey: boolean): string {
  const runes = [...text];
  const analysis = analyze(runes);
  const canUsePlain = !resolvesAsNonString(text) && !BASE60_FLOAT.test(text);
  let style: 'plain' | 'single' | 'double' | 'literal' = text.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  if (simpleKey && analysis.multiline) style = 'double';
  if (style === 'plain') {
    if (!analysis.blockPlainAllowed) style = 'single';
    if (runes.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || simpleKey)) style = 'double';
  const allowBreaks = !simpleKey;
  switch (style) {
    case 'plain':
      return folded(runes, column, indent, allowBreaks, (c) => c, (i) => runes[i + 1] !== ' ');
    case 'single':
      return `'${folded(runes, column + 1, indent, allowBreaks, (c) => (c === "'" ? "''" : c), (i) => i > 0 && i < runes.length - 1 && runes[i + 1] !== ' ')}'`;
    case 'double':
      return doubleQuoted(runes, column, indent, allowBreaks);
    case 'literal':
      return literal(runes, indent);
  }
}

/** Plain and single-quoted text: a space past the 80th column becomes a line break and indentation. */
function folded(runes: string[], column: number, indent: number, allowBreaks: boolean, write: (c: string) => string, canBreak: (i: number) => boolean): string {
  let out = '';
  let col = column;
  let spaces = false;
  for (let i = 0; i < runes.length; i++) {
    const c = runes[i];
    if (c === ' ') {
      if (allowBreaks && !spaces && col > BEST_WIDTH && canBreak(i)) {
        out += `\n${' '.repeat(indent)}`;
        col = indent;
      } else {
        out += c;
        col++;
      }
      spaces = true;
    } else {
      const written = write(c);
      out += written;
      col += written.length;
      spaces = false;
    }
  }
  return out;
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\',
  '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

function doubleQuoted(runes: string[], column: number, indent: number, allowBreaks: boolean): string {
  let out = '"';
  let col = column + 1;
  let spaces = false;
  for (let i = 0; i < runes.length; i++) {
    const c = runes[i];
    const code = c.codePointAt(0)!;
    if (!isPrintable(code) || code === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
      let escape = ESCAPES[c];
      if (escape === undefined) {
        const hex = code.toString(16).toUpperCase();
        escape = code <= 0xff ? `x${hex.padStart(2, '0')}` : code <= 0xffff ? `u${hex.padStart(4, '0')}` : `U${hex.padStart(8, '0')}`;
      }
      out += `\\${escape}`;
      col += escape.length + 1;
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && col > BEST_WIDTH && i !== 0 && i !== runes.length - 1) {
        out += `\n${' '.repeat(indent)}`;
        col = indent;
        if (runes[i + 1] === ' ') {
          out += '\\';
          col++;
        }
      } else {
        out += c;
        col++;
      }
      spaces = true;
    } else {
      out += c;
      col++;
      spaces = false;
    }
  }
  return `${out}"`;
}

/** A literal block: "|" with libyaml's indentation and chomping hints, lines at `indent`. */
function literal(runes: string[], indent: number): string {
  let hints = '';
  if (runes[0] === ' ' || isBreak(runes[0])) hints += String(BEST_INDENT);
  const last = runes.length - 1;
  if (!isBreak(runes[last])) hints += '-';
  else if (last === 0 || isBreak(runes[last - 1])) hints += '+';
  const text = runes.join('');
  const pad = ' '.repeat(indent);
  let body = text
    .split('\n')
    .map((line) => (line ? pad + line : ''))
    .join('\n');
  // The text's last line break ends the block; the caller writes the break before what follows.
  if (text.endsWith('\n')) body = body.slice(0, -1);
  return `|${hints}\n${body}`;
}
