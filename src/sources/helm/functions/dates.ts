// Sprig's date functions on Go time.Time values (GoTime). Helm's machine zone is taken as
// UTC: a rendered time differs on every run and conformance masks it anyway.
import { FunctionError, type TemplateFunction } from '../execute.js';
import { GoInt64, GoTime, widenInteger } from '../go-values.js';
import { arity, text } from './arguments.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Go's reference-time layout tokens, longest first. */
const LAYOUT = /2006|January|Monday|Z07:00:00|Z070000|Z07:00|Z0700|Z07|-07:00:00|-070000|-07:00|-0700|-07|Jan|Mon|MST|002|__2|_2|06|01|02|03|04|05|15|PM|pm|1|2|3|4|5|[.,](0+|9+)(?!\d)/g;

function pad(value: number, width: number, fill = '0'): string {
  return String(value).padStart(width, fill);
}

export function formatTime(time: GoTime, layout: string): string {
  const date = new Date(time.milliseconds);
  const hour = date.getUTCHours();
  const dayOfYear = Math.floor((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return layout.replace(LAYOUT, (token) => {
    switch (token) {
      case '2006': return pad(date.getUTCFullYear(), 4);
      case '06': return pad(date.getUTCFullYear() % 100, 2);
      case 'January': return MONTHS[date.getUTCMonth()];
      case 'Jan': return MONTHS[date.getUTCMonth()].slice(0, 3);
      case '01': return pad(date.getUTCMonth() + 1, 2);
      case '1': return String(date.getUTCMonth() + 1);
      case 'Monday': return DAYS[date.getUTCDay()];
      case 'Mon': return DAYS[date.getUTCDay()].slice(0, 3);
      case '002': return pad(dayOfYear, 3);
      case '__2': return pad(dayOfYear, 3, ' ');
      case '_2': return pad(date.getUTCDate(), 2, ' ');
      case '02': return pad(date.getUTCDate(), 2);
      case '2': return String(date.getUTCDate());
      case '15': return pad(hour, 2);
      case '03': return pad(hour % 12 || 12, 2);
      case '3': return String(hour % 12 || 12);
      case '04': return pad(date.getUTCMinutes(), 2);
      case '4': return String(date.getUTCMinutes());
      case '05': return pad(date.getUTCSeconds(), 2);
      case '5': return String(date.getUTCSeconds());
      case 'PM': return hour >= 12 ? 'PM' : 'AM';
      case 'pm': return hour >= 12 ? 'pm' : 'am';
      case 'MST': return 'UTC';
      default:
        if (token.startsWith('Z')) return 'Z';
        if (token.startsWith('-')) return token.replace(/07/, '+00').replace(/\d/g, '0').replace(/^-/, '');
        {
          const digits = pad(date.getUTCMilliseconds(), 3).padEnd(9, '0').slice(0, token.length - 1);
          return token[1] === '9' ? (digits.replace(/0+$/, '') ? `${token[0]}${digits.replace(/0+$/, '')}` : '') : `${token[0]}${digits}`;
        }
    }
  });
}

/** A date argument as Sprig's date reads it: a time, or Unix seconds; anything else is now. */
function timeOf(value: unknown): GoTime {
  if (value instanceof GoTime) return value;
  if (typeof value === 'bigint' || value instanceof GoInt64) return new GoTime(Number(widenInteger(value)) * 1000);
  return new GoTime(Date.now());
}

/** Go's time.Duration String(). */
export function formatDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  let rest = Math.abs(nanoseconds);
  if (rest < 1e9) {
    if (rest < 1e3) return `${sign}${rest}ns`;
    if (rest < 1e6) return `${sign}${trimFraction(rest / 1e3)}µs`;
    return `${sign}${trimFraction(rest / 1e6)}ms`;
  }
  const hours = Math.floor(rest / 3.6e12);
  rest -= hours * 3.6e12;
  const minutes = Math.floor(rest / 6e10);
  rest -= minutes * 6e10;
  const seconds = trimFraction(rest / 1e9);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

function trimFraction(value: number): string {
  return value.toFixed(9).replace(/\.?0+$/, '');
}

/** Go's time.ParseDuration, in nanoseconds; undefined when it does not parse. */
function parseDuration(value: string): number | undefined {
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };
  const match = /^([-+]?)((?:\d*\.?\d+(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(value);
  if (!match) return undefined;
  let total = 0;
  for (const part of match[2].matchAll(/(\d*\.?\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * units[part[2]];
  return match[1] === '-' ? -total : total;
}

/** Go's time.Parse (in UTC) for a layout of the reference time; undefined when `value` does not fit it. */
function parseTime(layout: string, value: string): GoTime | undefined {
  const fields: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of layout.matchAll(LAYOUT)) {
    pattern += escapeRegExp(layout.slice(last, match.index));
    last = match.index + match[0].length;
    const token = match[0];
    fields.push(token);
    if (token === 'January' || token === 'Monday') pattern += '([A-Za-z]+)';
    else if (token === 'Jan' || token === 'Mon' || token === 'MST') pattern += '([A-Za-z]{3,4})';
    else if (token === 'PM' || token === 'pm') pattern += '([AaPp][Mm])';
    else if (token.startsWith('Z') || token.startsWith('-')) pattern += '(Z|[+-]\\d{2}(?::?\\d{2}){0,2})';
    else if (/^[.,]/.test(token)) pattern += token[1] === '9' ? '(?:[.,](\\d+))?' : `[.,](\\d{${token.length - 1}})`;
    else if (token === '2006') pattern += '(\\d{4})';
    else if (token === '_2' || token === '__2') pattern += ' ?(\\d{1,3})';
    else pattern += token.length === 1 ? '(\\d{1,2})' : `(\\d{${token.length}})`;
  }
  pattern += escapeRegExp(layout.slice(last));
  const match = new RegExp(`^${pattern}$`).exec(value);
  if (!match) return undefined;
  let [year, month, day, hour, minute, second, milliseconds, offset] = [1, 0, 1, 0, 0, 0, 0, 0];
  let pm: boolean | undefined;
  fields.forEach((token, index) => {
    const text = match[index + 1] ?? '';
    if (token === '2006') year = Number(text);
    else if (token === '06') year = 2000 + Number(text) - (Number(text) >= 69 ? 100 : 0);
    else if (token === 'January' || token === 'Jan') month = MONTHS.findIndex((name) => name.toLowerCase().startsWith(text.toLowerCase()));
    else if (token === '01' || token === '1') month = Number(text) - 1;
    else if (token === '02' || token === '2' || token === '_2') day = Number(text);
    else if (token === '15') hour = Number(text);
    else if (token === '03' || token === '3') hour = Number(text) % 12;
    else if (token === '04' || token === '4') minute = Number(text);
    else if (token === '05' || token === '5') second = Number(text);
    else if (token === 'PM' || token === 'pm') pm = text.toLowerCase() === 'pm';
    else if (/^[.,]/.test(token)) milliseconds = Number(`0.${text || '0'}`) * 1000;
    else if ((token.startsWith('Z') || token.startsWith('-')) && text !== 'Z') {
      const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})?/.exec(text) ?? [];
      offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
    }
  });
  if (pm) hour += 12;
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month, day, hour, minute, second, milliseconds) - offset * 60_000;
  return new GoTime(year < 100 ? new Date(utc).setUTCFullYear(year) : utc);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** Go's zero time.Time, January 1 of year 1, which toDate gives for text it cannot parse. */
const ZERO_TIME = new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(1);

export const dates: Record<string, TemplateFunction> = {
  now: (args) => (arity('now', args, 0), new GoTime(Date.now())),
  date: (args) => (arity('date', args, 2), formatTime(timeOf(args[1]), text(args[0]))),
  dateInZone: (args) => (arity('dateInZone', args, 3), formatTime(timeOf(args[1]), text(args[0]))),
  date_in_zone: (args) => (arity('date_in_zone', args, 3), formatTime(timeOf(args[1]), text(args[0]))),
  htmlDate: (args) => (arity('htmlDate', args, 1), formatTime(timeOf(args[0]), '2006-01-02')),
  htmlDateInZone: (args) => (arity('htmlDateInZone', args, 2), formatTime(timeOf(args[0]), '2006-01-02')),
  ago: (args) => (arity('ago', args, 1), formatDuration(Math.round((Date.now() - timeOf(args[0]).milliseconds) / 1000) * 1e9)),
  unixEpoch: (args) => (arity('unixEpoch', args, 1), String(timeOf(args[0]).Unix())),
  toDate: (args) => (arity('toDate', args, 2), parseTime(text(args[0]), text(args[1])) ?? new GoTime(ZERO_TIME)),
  mustToDate: (args) => {
    arity('mustToDate', args, 2);
    const time = parseTime(text(args[0]), text(args[1]));
    if (!time) throw new FunctionError(`parsing time "${text(args[1])}" as "${text(args[0])}": cannot parse`);
    return time;
  },
  dateModify: (args) => {
    arity('dateModify', args, 2);
    const nanoseconds = parseDuration(text(args[0]));
    const time = timeOf(args[1]);
    return nanoseconds === undefined ? time : new GoTime(time.milliseconds + nanoseconds / 1e6);
  },
  duration: (args) => {
    arity('duration', args, 1);
    const seconds = typeof args[0] === 'string' ? (/^[+-]?\d+$/.test(args[0]) ? Number(args[0]) : 0) : typeof args[0] === 'bigint' ? Number(args[0]) : 0;
    return formatDuration(seconds * 1e9);
  },
  durationRound: (args) => {
    arity('durationRound', args, 1);
    const value = args[0];
    let nanoseconds = typeof value === 'string' ? (parseDuration(value) ?? 0) : value instanceof GoInt64 ? Number(value.value) : value instanceof GoTime ? (Date.now() - value.milliseconds) * 1e6 : 0;
    nanoseconds = Math.abs(nanoseconds);
    const steps: [number, string][] = [[3.6e12 * 24 * 365, 'y'], [3.6e12 * 24 * 30, 'mo'], [3.6e12 * 24, 'd'], [3.6e12, 'h'], [6e10, 'm'], [1e9, 's']];
    for (const [size, unit] of steps) if (nanoseconds > size) return `${Math.floor(nanoseconds / size)}${unit}`;
    return '0s';
  },
};
dates.mustDateModify = dates.dateModify;
dates.date_modify = dates.dateModify;
dates.must_date_modify = dates.dateModify;

