// Sprig's string functions (strings.go, goutils and xstrings as Sprig calls them).
import type { TemplateFunction } from '../execute.js';
import { FunctionError } from '../execute.js';
import { goInt, goInt64 } from '../go-values.js';
import { arity, integer, stringValue, text } from './arguments.js';

function indent(spaces: unknown, value: unknown): string {
  const pad = ' '.repeat(Math.max(0, integer(spaces)));
  return pad + text(value).replaceAll('\n', `\n${pad}`);
}

function quoteAll(args: unknown[]): string {
  return args.filter((arg) => arg !== null && arg !== undefined).map((arg) => goQuote(stringValue(arg))).join(' ');
}

/** strconv.Quote: printable characters as they are, the rest escaped as Go escapes them. */
export function goQuote(value: string): string {
  let result = '"';
  for (const character of value) {
    const code = character.codePointAt(0)!;
    if (character === '"' || character === '\\') result += `\\${character}`;
    else if (code >= 0x20 && code < 0x7f) result += character;
    else if (character === '\n') result += '\\n';
    else if (character === '\t') result += '\\t';
    else if (character === '\r') result += '\\r';
    else if (character === '\x07') result += '\\a';
    else if (character === '\b') result += '\\b';
    else if (character === '\f') result += '\\f';
    else if (character === '\v') result += '\\v';
    else if (code < 0x20 || code === 0x7f) result += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0xfffd || /[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]/u.test(character)) result += character;
    else if (code < 0x10000) result += `\\u${code.toString(16).padStart(4, '0')}`;
    else result += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${result}"`;
}

/** Go's strings.Title: the first letter of each word, words separated by non-letters/digits. */
function title(value: string): string {
  let previous = ' ';
  let result = '';
  for (const character of value) {
    result += isSeparator(previous) ? character.toUpperCase() : character;
    previous = character;
  }
  return result;
}

/** Go's strings.Title separator test: ASCII other than letters, digits and _; beyond ASCII, spaces only. */
function isSeparator(character: string): boolean {
  if (character.charCodeAt(0) < 0x80) return !/[A-Za-z0-9_]/.test(character);
  if (/[\p{L}\p{N}]/u.test(character)) return false;
  return /\s/u.test(character);
}

/** goutils.Initials: the first character of each whitespace-separated word. */
function initials(value: string): string {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [...word][0])
    .join('');
}

/** goutils.SwapCase: upper to lower, title/lower to upper (a lower after a space is titled). */
function swapCase(value: string): string {
  let result = '';
  for (const character of value) {
    const upper = character.toUpperCase();
    const lower = character.toLowerCase();
    if (character === upper && character !== lower) result += lower;
    else if (character === lower && character !== upper) result += upper;
    else result += character;
  }
  return result;
}

type RuneClass = 'upper' | 'lower' | 'digit' | 'other';
function runeClass(character: string): RuneClass {
  if (/\p{Lu}/u.test(character)) return 'upper';
  if (/\p{L}/u.test(character)) return 'lower';
  if (/\p{N}/u.test(character)) return 'digit';
  return 'other';
}

/** xstrings.ToSnakeCase / ToKebabCase (camelCaseToLowerCase with a delimiter). */
function delimitedCase(value: string, delimiter: string): string {
  const runes = [...value];
  let result = '';
  let index = 0;
  // Skip leading non-letters/digits.
  while (index < runes.length && runeClass(runes[index]) === 'other') index++;
  let previous: RuneClass | undefined;
  for (; index < runes.length; index++) {
    const character = runes[index];
    const kind = runeClass(character);
    if (kind === 'other') {
      // A run of separators becomes one delimiter (none at the end).
      while (index + 1 < runes.length && runeClass(runes[index + 1]) === 'other') index++;
      if (index + 1 < runes.length) result += delimiter;
      previous = undefined;
      continue;
    }
    // Digits continue a word, as lower-case letters do.
    if (kind === 'upper' && previous !== undefined) {
      const next = runes[index + 1] === undefined ? undefined : runeClass(runes[index + 1]);
      if (previous === 'lower' || previous === 'digit' || (previous === 'upper' && next === 'lower')) result += delimiter;
    }
    result += character.toLowerCase();
    previous = kind;
  }
  return result;
}

/** xstrings.ToPascalCase (Sprig's camelcase): words split on '_' and other non-alphanumerics, capitalized. */
function pascalCase(value: string): string {
  let result = '';
  let upperNext = true;
  for (const character of value) {
    if (character === '_' || character === ' ' || character === '-' || character === '.') {
      upperNext = true;
      continue;
    }
    result += upperNext ? character.toUpperCase() : character;
    upperNext = false;
  }
  return result;
}

/** goutils.Abbreviate. */
function abbreviate(value: string, offset: number, width: number): string {
  if (value.length <= width) return value;
  let start = Math.min(offset, value.length);
  if (value.length - start < width - 3) start = value.length - (width - 3);
  if (start <= 4) return `${value.slice(0, width - 3)}...`;
  if (start + width - 3 < value.length) return `...${abbreviate(value.slice(start), 0, width - 3)}`;
  return `...${value.slice(value.length - (width - 3))}`;
}

/** goutils.WrapCustom(str, width, newline, wrapLongWords=true). */
function wrap(value: string, width: number, newline: string): string {
  if (width < 1) width = 1;
  const lines: string[] = [];
  let offset = 0;
  while (value.length - offset > width) {
    if (value[offset] === ' ') {
      offset++;
      continue;
    }
    const slice = value.slice(offset, offset + width + 1);
    const space = slice.lastIndexOf(' ');
    if (space > 0) {
      lines.push(value.slice(offset, offset + space));
      offset += space + 1;
    } else {
      lines.push(value.slice(offset, offset + width));
      offset += width;
    }
  }
  lines.push(value.slice(offset));
  return lines.join(newline);
}

function goRegex(pattern: unknown, global = true): RegExp {
  let source = text(pattern);
  // Not in unicode mode: RE2 takes classes such as [\w-.] that JavaScript's unicode mode rejects.
  let flags = global ? 'g' : '';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    if (inline[1].includes('i')) flags += 'i';
    if (inline[1].includes('m')) flags += 'm';
    if (inline[1].includes('s')) flags += 's';
  }
  // Go's RE2 syntax that JavaScript spells differently.
  source = source.replace(/\(\?P</g, '(?<').replace(/\\z/g, '$(?![\\s\\S])').replace(/\\A/g, '^(?<![\\s\\S])');
  source = source.replace(/\[\[:(\w+):\]\]/g, (_, name: string) => POSIX_CLASSES[name] ?? `[[:${name}:]]`).replace(/\[:(\w+):\]/g, (whole, name: string) => POSIX_CLASSES[name]?.slice(1, -1) ?? whole);
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new FunctionError(`error parsing regexp: ${(error as Error).message}`);
  }
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '[0-9A-Za-z]',
  alpha: '[A-Za-z]',
  digit: '[0-9]',
  lower: '[a-z]',
  upper: '[A-Z]',
  space: '[\\t\\n\\v\\f\\r ]',
  word: '[0-9A-Za-z_]',
  xdigit: '[0-9A-Fa-f]',
  punct: '[!-\\/:-@[-`{-~]',
};

/** Go's Regexp.ReplaceAllString template: $1, ${1}, $name, ${name}; $$ is a dollar. */
function expandTemplate(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_, whole: string, braced: string | undefined, bare: string | undefined) => {
    if (whole === '$') return '$';
    const name = braced ?? bare!;
    const value = /^\d+$/.test(name) ? match[Number(name)] : match.groups?.[name];
    return value ?? '';
  });
}

function replaceAll(pattern: unknown, value: string, replacement: string, literal: boolean): string {
  const regex = goRegex(pattern);
  let result = '';
  let last = 0;
  let previousEnd = -1;
  for (let match = regex.exec(value); match; match = regex.exec(value)) {
    // Go skips an empty match right after a previous match.
    if (match[0] === '' && match.index === previousEnd) {
      regex.lastIndex = match.index + 1;
      continue;
    }
    result += value.slice(last, match.index) + (literal ? replacement : expandTemplate(replacement, match));
    last = match.index + match[0].length;
    previousEnd = last;
    if (match[0] === '') regex.lastIndex = match.index + (value.codePointAt(match.index)! > 0xffff ? 2 : 1);
  }
  return result + value.slice(last);
}

function findAll(pattern: unknown, value: string, count: number): string[] {
  const regex = goRegex(pattern);
  const found: string[] = [];
  let previousEnd = -1;
  for (let match = regex.exec(value); match && (count < 0 || found.length < count); match = regex.exec(value)) {
    if (match[0] === '' && match.index === previousEnd) {
      regex.lastIndex = match.index + 1;
      continue;
    }
    found.push(match[0]);
    previousEnd = match.index + match[0].length;
    if (match[0] === '') regex.lastIndex = match.index + 1;
  }
  return found;
}

function regexSplit(pattern: unknown, value: string, count: number): string[] {
  if (count === 0) return [];
  const regex = goRegex(pattern);
  if (text(pattern) === '' && value.length > 0) return splitN([...value], count);
  const parts: string[] = [];
  let last = 0;
  for (const match of value.matchAll(regex)) {
    if (count > 0 && parts.length === count - 1) break;
    if (match[0] === '' && (match.index === 0 || match.index === value.length)) continue;
    parts.push(value.slice(last, match.index));
    last = match.index + match[0].length;
  }
  parts.push(value.slice(last));
  return parts;
}

function splitN(parts: string[], count: number): string[] {
  if (count < 0 || parts.length <= count) return parts;
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join('')];
}

/** Go's strings.SplitN. */
function goSplitN(value: string, separator: string, count: number): string[] {
  if (count === 0) return [];
  if (separator === '') return splitN([...value], count);
  const parts = value.split(separator);
  if (count < 0 || parts.length <= count) return parts;
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join(separator)];
}

function regexFunction(name: string, must: boolean, run: (args: unknown[]) => unknown, count: number): TemplateFunction {
  return (args) => {
    arity(name, args, count);
    try {
      return run(args);
    } catch (error) {
      // The non-must variants panic on a bad pattern (regexp.MustCompile), which Go reports as a call error too.
      if (!must && error instanceof FunctionError) throw new FunctionError(`regexp: Compile(${goQuote(text(args[0]))}): ${error.message}`);
      throw error;
    }
  };
}

function regexFamily(name: string, count: number, run: (args: unknown[]) => unknown): Record<string, TemplateFunction> {
  const mustName = `must${name[0].toUpperCase()}${name.slice(1)}`;
  return { [name]: regexFunction(name, false, run, count), [mustName]: regexFunction(mustName, true, run, count) };
}

function toStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item) => item !== null && item !== undefined).map(stringValue);
  if (value === null || value === undefined) return [];
  return [stringValue(value)];
}

export const strings: Record<string, TemplateFunction> = {
  upper: (args) => (arity('upper', args, 1), text(args[0]).toUpperCase()),
  lower: (args) => (arity('lower', args, 1), text(args[0]).toLowerCase()),
  title: (args) => (arity('title', args, 1), title(text(args[0]))),
  untitle: (args) => (arity('untitle', args, 1), text(args[0]).replace(/^./u, (c) => c.toLowerCase())),
  trim: (args) => (arity('trim', args, 1), text(args[0]).trim()),
  trimAll: (args) => (arity('trimAll', args, 2), trimCut(text(args[0]), text(args[1]))),
  trimall: (args) => (arity('trimall', args, 2), trimCut(text(args[0]), text(args[1]))),
  trimPrefix: (args) => (arity('trimPrefix', args, 2), text(args[1]).startsWith(text(args[0])) ? text(args[1]).slice(text(args[0]).length) : text(args[1])),
  trimSuffix: (args) => {
    arity('trimSuffix', args, 2);
    const [suffix, value] = [text(args[0]), text(args[1])];
    return suffix && value.endsWith(suffix) ? value.slice(0, -suffix.length) : value;
  },
  trunc: (args) => {
    arity('trunc', args, 2);
    const [count, value] = [integer(args[0]), text(args[1])];
    const bytes = Buffer.from(value);
    if (count < 0 && bytes.length + count > 0) return bytes.subarray(bytes.length + count).toString();
    if (count >= 0 && bytes.length > count) return bytes.subarray(0, count).toString();
    return value;
  },
  abbrev: (args) => {
    arity('abbrev', args, 2);
    const [width, value] = [integer(args[0]), text(args[1])];
    return width < 4 ? value : abbreviate(value, 0, width);
  },
  abbrevboth: (args) => {
    arity('abbrevboth', args, 3);
    const [left, right, value] = [integer(args[0]), integer(args[1]), text(args[2])];
    if (right < 4 || (left > 0 && right < 7)) return value;
    return abbreviate(value, left, right);
  },
  initials: (args) => (arity('initials', args, 1), initials(text(args[0]))),
  replace: (args) => (arity('replace', args, 3), text(args[2]).replaceAll(text(args[0]), text(args[1]))),
  contains: (args) => (arity('contains', args, 2), text(args[1]).includes(text(args[0]))),
  hasPrefix: (args) => (arity('hasPrefix', args, 2), text(args[1]).startsWith(text(args[0]))),
  hasSuffix: (args) => (arity('hasSuffix', args, 2), text(args[1]).endsWith(text(args[0]))),
  // One string is by far the commonest call: skip the list work for it.
  quote: (args) => (args.length === 1 && typeof args[0] === 'string' && /^[\x20-\x7e]*$/.test(args[0]) && !/["\\]/.test(args[0]) ? `"${args[0]}"` : quoteAll(args)),
  squote: (args) => args.filter((arg) => arg !== null && arg !== undefined).map((arg) => `'${stringValue(arg)}'`).join(' '),
  indent: (args) => (arity('indent', args, 2), indent(args[0], args[1])),
  nindent: (args) => (arity('nindent', args, 2), `\n${indent(args[0], args[1])}`),
  repeat: (args) => (arity('repeat', args, 2), text(args[1]).repeat(Math.max(0, integer(args[0])))),
  substr: (args) => {
    arity('substr', args, 3);
    const [start, end, value] = [integer(args[0]), integer(args[1]), text(args[2])];
    const bytes = Buffer.from(value);
    if (start < 0) {
      if (end < 0 || end > bytes.length) throw new FunctionError(`runtime error: slice bounds out of range [:${end}] with length ${bytes.length}`);
      return bytes.subarray(0, end).toString();
    }
    if (end < 0 || end > bytes.length) {
      if (start > bytes.length) throw new FunctionError(`runtime error: slice bounds out of range [${start}:${bytes.length}]`);
      return bytes.subarray(start).toString();
    }
    if (start > end) throw new FunctionError(`runtime error: slice bounds out of range [${start}:${end}]`);
    return bytes.subarray(start, end).toString();
  },
  nospace: (args) => (arity('nospace', args, 1), text(args[0]).replace(/\s+/gu, '')),
  cat: (args) => args.filter((arg) => arg !== null && arg !== undefined).map(stringValue).join(' '),
  toString: (args: unknown[]) => (arity('toString', args, 1), stringValue(args[0])),
  toStrings: (args: unknown[]) => (arity('toStrings', args, 1), toStrings(args[0])),
  splitList: (args) => (arity('splitList', args, 2), goSplitN(text(args[1]), text(args[0]), -1)),
  split: (args) => (arity('split', args, 2), Object.fromEntries(goSplitN(text(args[1]), text(args[0]), -1).map((part, index) => [`_${index}`, part]))),
  splitn: (args) => (arity('splitn', args, 3), Object.fromEntries(goSplitN(text(args[2]), text(args[0]), integer(args[1])).map((part, index) => [`_${index}`, part]))),
  join: (args) => (arity('join', args, 2), toStrings(args[1]).join(text(args[0]))),
  sortAlpha: (args) => {
    arity('sortAlpha', args, 1);
    const strings = Array.isArray(args[0]) ? toStrings(args[0]) : [stringValue(args[0])];
    return strings.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  },
  plural: (args) => (arity('plural', args, 3), integer(args[2]) === 1 ? text(args[0]) : text(args[1])),
  wrap: (args) => (arity('wrap', args, 2), wrap(text(args[1]), integer(args[0]), '\n')),
  wrapWith: (args) => (arity('wrapWith', args, 3), wrap(text(args[2]), integer(args[0]), text(args[1]))),
  snakecase: (args) => (arity('snakecase', args, 1), delimitedCase(text(args[0]), '_')),
  kebabcase: (args) => (arity('kebabcase', args, 1), delimitedCase(text(args[0]), '-')),
  camelcase: (args) => (arity('camelcase', args, 1), pascalCase(text(args[0]))),
  swapcase: (args) => (arity('swapcase', args, 1), swapCase(text(args[0]))),
  hello: (args) => (arity('hello', args, 0), 'Hello!'),
  ...regexFamily('regexMatch', 2, (args) => goRegex(args[0], false).test(text(args[1]))),
  ...regexFamily('regexFind', 2, (args) => goRegex(args[0], false).exec(text(args[1]))?.[0] ?? ''),
  ...regexFamily('regexFindAll', 3, (args) => findAll(args[0], text(args[1]), integer(args[2]))),
  ...regexFamily('regexReplaceAll', 3, (args) => replaceAll(args[0], text(args[1]), text(args[2]), false)),
  ...regexFamily('regexReplaceAllLiteral', 3, (args) => replaceAll(args[0], text(args[1]), text(args[2]), true)),
  ...regexFamily('regexSplit', 3, (args) => regexSplit(args[0], text(args[1]), integer(args[2]))),
  regexQuoteMeta: (args) => (arity('regexQuoteMeta', args, 1), text(args[0]).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
  seq: (args) => seq(args.map(integer)),
  toDecimal: (args) => {
    arity('toDecimal', args, 1);
    const digits = stringValue(args[0]);
    return goInt64(/^[+-]?[0-7]+$/.test(digits) ? parseInt(digits, 8) : 0);
  },
  atoi: (args) => (arity('atoi', args, 1), goInt(/^[+-]?\d+$/.test(text(args[0])) ? Number(text(args[0])) : 0)),
  shuffle: (args) => {
    arity('shuffle', args, 1);
    const characters = [...text(args[0])];
    for (let index = characters.length - 1; index > 0; index--) {
      const other = Math.floor(Math.random() * (index + 1));
      [characters[index], characters[other]] = [characters[other], characters[index]];
    }
    return characters.join('');
  },
};

function trimCut(cutset: string, value: string): string {
  const cut = new Set(cutset);
  const chars = [...value];
  let start = 0;
  let end = chars.length;
  while (start < end && cut.has(chars[start])) start++;
  while (end > start && cut.has(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/** Sprig's seq, as GNU seq: [last], [first last] or [first increment last], joined by spaces. */
function seq(params: number[]): string {
  let [first, increment, last] = [1, 1, 0];
  if (params.length === 0) return '';
  if (params.length === 1) last = params[0];
  else if (params.length === 2) [first, last] = params;
  else [first, increment, last] = params;
  if (params.length < 3 && last < first) increment = -1;
  if (increment === 0 || (increment > 0 && last < first) || (increment < 0 && last > first)) return '';
  const values: number[] = [];
  for (let value = first; increment > 0 ? value <= last : value >= last; value += increment) values.push(value);
  return values.join(' ');
}
