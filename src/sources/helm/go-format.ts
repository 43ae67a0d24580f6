// Go's fmt verbs as printf, print and println use them in templates: %v %s %d %q %f %t %x
// %X %o %e %g %c %%, with flags, width and precision.
import { formatFloat, formatValue, isDict, typeName, widenInteger } from './go-values.js';

const VERB = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z%])/g;

/** A format string split once into literal text and verbs: charts printf the same formats over and over. */
type Segment = string | { flags: string; width?: string; precision?: string; verb: string };
const segmentsByFormat = new Map<string, Segment[]>();
const FORMAT_CACHE_LIMIT = 10_000;

function segments(format: string): Segment[] {
  let cached = segmentsByFormat.get(format);
  if (cached) return cached;
  cached = [];
  let last = 0;
  for (const match of format.matchAll(VERB)) {
    if (match.index > last) cached.push(format.slice(last, match.index));
    cached.push(match[4] === '%' ? '%' : { flags: match[1], width: match[2], precision: match[3], verb: match[4] });
    last = match.index + match[0].length;
  }
  if (last < format.length) cached.push(format.slice(last));
  if (segmentsByFormat.size >= FORMAT_CACHE_LIMIT) segmentsByFormat.clear();
  segmentsByFormat.set(format, cached);
  return cached;
}

export function sprintf(format: string, args: unknown[]): string {
  let next = 0;
  let result = '';
  for (const segment of segments(format)) {
    if (typeof segment === 'string') {
      result += segment;
      continue;
    }
    let { width, precision } = segment;
    if (width === '*') width = String(args[next++]);
    if (precision === '*') precision = String(args[next++]);
    if (next >= args.length) {
      result += `%!${segment.verb}(MISSING)`;
      continue;
    }
    const arg = args[next++];
    const text = formatVerb(segment.verb, arg, precision === undefined ? undefined : Number(precision || 0), segment.flags);
    result += pad(text, width === undefined ? 0 : Number(width), segment.flags);
  }
  if (next < args.length) {
    return `${result}%!(EXTRA ${args.slice(next).map((arg) => (arg === null || arg === undefined ? '<nil>' : `${typeName(arg)}=${formatValue(arg)}`)).join(', ')})`;
  }
  return result;
}

function formatVerb(verb: string, original: unknown, precision: number | undefined, flags: string): string {
  const bad = () => (original === null || original === undefined ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(original)}=${formatValue(original)})`);
  if (verb === 'T') return typeName(original);
  if (verb === 'v') return formatValue(original);
  // The integer verbs take an int64 as an int.
  const arg = widenInteger(original);
  // fmt applies the verb to each element of a list or map.
  if (Array.isArray(arg)) return `[${arg.map((item) => formatVerb(verb, item, precision, flags)).join(' ')}]`;
  if (isDict(arg)) return `map[${Object.keys(arg).sort().map((key) => `${formatVerb(verb, key, precision, flags)}:${formatVerb(verb, arg[key], precision, flags)}`).join(' ')}]`;
  switch (verb) {
    case 's':
      if (typeof arg === 'string') return precision === undefined ? arg : [...arg].slice(0, precision).join('');
      return bad();
    case 'q':
      if (typeof arg === 'string') return JSON.stringify(arg);
      if (typeof arg === 'bigint') return `'${String.fromCodePoint(Number(arg)).replace(/[\x00-\x1f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
      return bad();
    case 't':
      return typeof arg === 'boolean' ? String(arg) : bad();
    case 'd':
      return typeof arg === 'bigint' ? withSign(arg.toString(), arg >= 0n, flags) : bad();
    case 'x':
    case 'X':
    case 'o':
    case 'b': {
      const radix = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
      if (typeof arg === 'bigint') return verb === 'X' ? arg.toString(radix).toUpperCase() : arg.toString(radix);
      if (typeof arg === 'string' && radix === 16) return Buffer.from(arg).toString('hex')[verb === 'X' ? 'toUpperCase' : 'toLowerCase']();
      return bad();
    }
    case 'f':
    case 'F':
      return typeof arg === 'number' ? withSign(arg.toFixed(precision ?? 6), arg >= 0, flags) : bad();
    case 'e':
      return typeof arg === 'number' ? withSign(arg.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'), arg >= 0, flags) : bad();
    case 'g':
      return typeof arg === 'number' ? withSign(formatFloat(arg), arg >= 0, flags) : bad();
    case 'c':
      // An invalid code point prints as Go's replacement character.
      return typeof arg === 'bigint' ? (arg >= 0n && arg <= 0x10ffffn ? String.fromCodePoint(Number(arg)) : '\uFFFD') : bad();
    case 'U':
      return typeof arg === 'bigint' ? `U+${arg.toString(16).toUpperCase().padStart(4, '0')}` : bad();
    default:
      return bad();
  }
}

function withSign(text: string, nonNegative: boolean, flags: string): string {
  return flags.includes('+') && nonNegative ? `+${text}` : text;
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && /^[+-]?\d/.test(text)) {
    const sign = /^[+-]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

/** fmt.Sprint: a space between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let result = '';
  args.forEach((arg, index) => {
    if (index > 0 && typeof arg !== 'string' && typeof args[index - 1] !== 'string') result += ' ';
    result += formatValue(arg);
  });
  return result;
}

/** fmt.Sprintln: spaces between all operands and a newline. */
export function sprintln(args: unknown[]): string {
  return `${args.map(formatValue).join(' ')}\n`;
}
