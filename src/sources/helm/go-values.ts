// How Go's text/template sees the values it is given: truthiness, printing with fmt's %v,
// and type names for error messages. Values come from YAML through JSON, so their numbers
// are float64 in Go (JS numbers here); the integers a template makes itself (literals,
// len, int, range indexes) are Go ints, kept as bigints so that they print, compare and
// format (%d, typeOf, kindIs) as Go's do; Sprig's arithmetic (add, mul, max, int64, ...),
// fromToml and a time's Unix give int64s, GoInt64 here, which only their type names tell apart.
export type Dict = Record<string, unknown>;

/** The String() method of a Go value that fmt prints through it (a semver Version, an int64). */
export const GO_STRING = Symbol('String');

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof GoTime) && !(value instanceof GoInt64);
}

/** A Go int64: prints, compares and converts as a Go int (a bigint) does; typeOf, kindOf and %T say int64. */
export class GoInt64 {
  constructor(readonly value: bigint) {}

  /** fmt prints it through here (formatValue), as the digits of its value. */
  [GO_STRING](): string {
    return this.value.toString();
  }

  toString(): string {
    return this.value.toString();
  }

  /** What encoding/json writes (toJson, toYaml): the integer. */
  toJSON(): bigint {
    return this.value;
  }
}

/** Go's int64 from a JS integer (truncated, as Go's conversions do). */
export function goInt64(value: number | bigint): GoInt64 {
  return new GoInt64(typeof value === 'bigint' ? value : BigInt(Number.isFinite(value) ? Math.trunc(value) : 0));
}

/** The integer of a Go int (bigint) or int64, else the value itself: for code that treats every integer kind alike. */
export function widenInteger(value: unknown): unknown {
  return value instanceof GoInt64 ? value.value : value;
}

/**
 * A Go time.Time (from now, toDate, dateModify, fromToml): an instant, with the zone it is
 * shown in: UTC, a fixed offset (its name empty, so Go prints the offset twice: "-0700 -0700"),
 * or the named zones BurntSushi/toml gives local dates and times ("datetime-local").
 */
export class GoTime {
  constructor(
    readonly milliseconds: number,
    /** East of UTC, in minutes. */
    readonly offsetMinutes = 0,
    /** The zone's name; null for a fixed offset without one. */
    readonly zone: string | null = 'UTC',
  ) {}

  Unix(): GoInt64 {
    return goInt64(Math.floor(this.milliseconds / 1000));
  }

  UnixMilli(): GoInt64 {
    return goInt64(Math.floor(this.milliseconds));
  }

  Year(): bigint {
    return BigInt(this.wallClock().getUTCFullYear());
  }

  UTC(): GoTime {
    return this.zone === 'UTC' ? this : new GoTime(this.milliseconds);
  }

  Local(): GoTime {
    return this;
  }

  /** json.Marshal's RFC 3339 form, with the zone's offset (Z for none). */
  toJSON(): string {
    const iso = this.wallClock().toISOString().replace(/\.?0*Z$/, '');
    return `${iso}${this.offsetMinutes === 0 ? 'Z' : this.offset(':')}`;
  }

  /** time.Time's String(). */
  toString(): string {
    const iso = this.wallClock().toISOString();
    const fraction = iso.slice(20, 23).replace(/0+$/, '');
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''} ${this.offset('')} ${this.zone ?? this.offset('')}`;
  }

  /** The time as read on a clock in its zone (a Date whose UTC fields are those). */
  private wallClock(): Date {
    return new Date(this.milliseconds + this.offsetMinutes * 60_000);
  }

  private offset(separator: string): string {
    const minutes = Math.abs(this.offsetMinutes);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${this.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}${separator}${pad(minutes % 60)}`;
  }
}

export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (value instanceof GoInt64) return value.value !== 0n;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

/** Go's int from a JS integer: a template-made number. */
export function goInt(value: number): bigint {
  return BigInt(Number.isFinite(value) ? Math.trunc(value) : 0);
}

/** What `{{ value }}` prints: fmt's %v, with Go's "<no value>" for nil (Helm removes it from the final text). */
export function printValue(value: unknown): string {
  if (value === null || value === undefined) return '<no value>';
  return formatValue(value);
}


/** fmt's %v; nil prints as <nil>. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return formatFloat(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(' ')}]`;
  if (typeof (value as { [GO_STRING]?: unknown })[GO_STRING] === 'function') return (value as { [GO_STRING](): string })[GO_STRING]();
  if (isDict(value)) return `map[${Object.keys(value).sort().map((key) => `${key}:${formatValue(value[key])}`).join(' ')}]`;
  if (value instanceof GoTime) return value.toString();
  return String(value);
}

/** fmt's %v of a float64: strconv.FormatFloat(v, 'g', -1, 64). */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  // The common case (ports, replicas, ratios): both languages print the shortest digits plainly.
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e6) return String(value);
  const [mantissa, power] = value.toExponential().split('e');
  const exponent = Number(power);
  // With the shortest precision Go's %g switches to the exponent form below 1e-4 and from 1e+06.
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(value);
}

/** helm's .Values objects, a chartutil.Values in Go rather than a plain map[string]interface {}. */
const chartValues = new WeakSet<object>();

/** Marks `values` as helm's chartutil.Values (its .Values object). A WeakSet keeps the object's shape untouched. */
export function markChartValues(values: Dict): Dict {
  chartValues.add(values);
  return values;
}

/** Go types of lists and maps that are not []interface {} or map[string]interface {} (fromToml's arrays of tables). */
const goTypes = new WeakMap<object, string>();

/** Marks `value` as being of the Go type `name` for typeOf and %T (a WeakMap keeps the object's shape untouched). */
export function markGoType<T extends object>(value: T, name: string): T {
  goTypes.set(value, name);
  return value;
}

/** Go's %T: the dynamic type as Go names it. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'object' && chartValues.has(value)) return 'chartutil.Values';
  if (typeof value === 'object' && goTypes.has(value)) return goTypes.get(value)!;
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'bigint') return 'int';
  if (value instanceof GoInt64) return 'int64';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'function') return 'func(...interface {}) interface {}';
  if (value instanceof GoTime) return 'time.Time';
  return 'map[string]interface {}';
}

/** reflect's Kind name, as Sprig's kindOf gives it. */
export function kindName(value: unknown): string {
  if (value === null || value === undefined) return 'invalid';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'bigint') return 'int';
  if (value instanceof GoInt64) return 'int64';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'slice';
  if (typeof value === 'function') return 'func';
  if (value instanceof GoTime) return 'struct';
  return 'map';
}
