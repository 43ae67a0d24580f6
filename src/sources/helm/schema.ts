// values.schema.json as Helm applies it: each enabled chart's schema checks the values that
// chart sees (a subchart its own scope), and every failure is reported at once in Helm's words.
import { Validator, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { ChartLoadError, type Chart } from './chart.js';
import type { Dict } from './go-values.js';

const DRAFTS: [RegExp, SchemaDraft][] = [
  [/draft-04/, '4'],
  [/draft-0[67]/, '7'],
  [/2019-09/, '2019-09'],
  [/2020-12/, '2020-12'],
];
// Errors that only say a part below them failed: the part's own error says what is wrong.
const WRAPPERS = new Set(['properties', 'items', 'prefixItems', 'additionalProperties', 'allOf', '$ref', 'dependentSchemas', 'unevaluatedProperties', 'patternProperties', 'if', 'then', 'else']);

const validators = new WeakMap<Chart, Validator>();

/** Throws Helm's "values don't meet the specifications" error when a chart's values break its schema. */
export function validateSchemas(charts: readonly { chart: Chart; values: Dict; name: string }[]): void {
  const problems: string[] = [];
  let first: Chart | undefined;
  for (const { chart, values, name } of charts) {
    if (!chart.schema) continue;
    // As JSON, as helm validates: Go ints (BigInt here, from --set) become numbers.
    const result = validatorOf(chart).validate(JSON.parse(JSON.stringify(values, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value))));
    if (result.valid) continue;
    first ??= chart;
    const leaves = result.errors.filter((error) => !WRAPPERS.has(error.keyword));
    const shown = (leaves.length > 0 ? leaves : result.errors).slice(0, 5);
    // Helm 3 (gojsonschema) names the field as a dotted path, (root) for the whole.
    problems.push(`${name}:\n${shown.map((error) => `- ${error.instanceLocation.replace(/^#\/?/, '').split('/').join('.') || '(root)'}: ${error.error}`).join('\n')}`);
  }
  if (first) {
    throw new ChartLoadError(first.schema!.file, 1, `values don't meet the specifications of the schema(s) in the following chart(s):\n${problems.join('\n')}`);
  }
}

function validatorOf(chart: Chart): Validator {
  const known = validators.get(chart);
  if (known) return known;
  let schema: Schema | boolean;
  try {
    schema = JSON.parse(chart.schema!.text) as Schema | boolean;
  } catch (error) {
    throw new ChartLoadError(chart.schema!.file, 1, `values.schema.json is not valid JSON (${(error as Error).message}); fix the schema`);
  }
  const declared = typeof schema === 'object' && typeof schema.$schema === 'string' ? schema.$schema : '';
  const draft = DRAFTS.find(([pattern]) => pattern.test(declared))?.[1] ?? '2020-12';
  const validator = new Validator(schema, draft, false);
  validators.set(chart, validator);
  return validator;
}
