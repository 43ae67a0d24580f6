// How Go's text/template sees the values it is given: truthiness, printing with fmt's %v,
// and type names for error messages. Values come from YAML, so numbers are float64 in Go.
export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

/** fmt's %v. A nil prints as empty text: Helm removes Go's "<no value>" from its output. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatNested).join(' ')}]`;
  if (isDict(value)) return `map[${Object.keys(value).sort().map((key) => `${key}:${formatNested(value[key])}`).join(' ')}]`;
  return String(value);
}

function formatNested(value: unknown): string {
  return value === null || value === undefined ? '<nil>' : formatValue(value);
}

// Integers print in full. In Helm, integers from YAML values are float64 and print as
// 1e+06 from a million on, while those from --set, literals and int/len/add are int64 and
// print in full; upshift's values cannot tell them apart and takes the int64 reading.
// Other numbers follow strconv.FormatFloat(v, 'g', -1, 64).
export function formatNumber(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent >= -4 && exponent < 21) return String(value);
  const [mantissa, power] = value.toExponential().split('e');
  return `${mantissa}e${power.startsWith('-') ? '-' : '+'}${power.replace(/^[+-]/, '').padStart(2, '0')}`;
}

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'function') return 'func';
  return 'map[string]interface {}';
}
