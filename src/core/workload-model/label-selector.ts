// Kubernetes label-selector semantics (matchLabels and matchExpressions), as PDBs, workload
// selectors, spread constraints and affinity terms use them.
import { detached } from '../detached-string.js';
import { isRecord } from '../fields.js';

export interface LabelSelector {
  matchLabels: Readonly<Record<string, string>>;
  matchExpressions: readonly { key: string; operator: string; values: readonly string[] }[];
}

// Most selectors have no expressions: one shared empty list, not one per selector.
const NO_EXPRESSIONS: LabelSelector['matchExpressions'] = Object.freeze([]);

/**
 * Reads a selector from a decoded object; undefined when the field is absent or not a mapping.
 * Its values are copies made by `text` (detached from the input's text by default), as the scan
 * keeps selectors to its end.
 */
export function readSelector(value: unknown, text: (text: string) => string = detached): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  const matchLabels: Record<string, string> = {};
  if (isRecord(value.matchLabels)) {
    for (const [key, label] of Object.entries(value.matchLabels)) matchLabels[key] = text(String(label));
  }
  const matchExpressions = Array.isArray(value.matchExpressions)
    ? value.matchExpressions.filter(isRecord).map((expression) => ({
        key: text(String(expression.key ?? '')),
        operator: text(String(expression.operator ?? '')),
        values: Array.isArray(expression.values) ? expression.values.map((item) => text(String(item))) : [],
      }))
    : [];
  return { matchLabels, matchExpressions: matchExpressions.length > 0 ? matchExpressions : NO_EXPRESSIONS };
}

/** `{}`: selects everything under policy/v1 and apps/v1, nothing under policy/v1beta1. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  // for-in rather than Object.entries: large estates ask this about a million times.
  for (const key in selector.matchLabels) if (labels[key] !== selector.matchLabels[key]) return false;
  return selector.matchExpressions.every((expression) => matchesExpression(expression, labels));
}

function matchesExpression(expression: LabelSelector['matchExpressions'][number], labels: Readonly<Record<string, string>>): boolean {
  const present = Object.hasOwn(labels, expression.key);
  switch (expression.operator) {
    case 'In':
      return present && expression.values.includes(labels[expression.key]);
    case 'NotIn':
      return !present || !expression.values.includes(labels[expression.key]);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      // The API server rejects any other operator, so such a selector selects nothing.
      return false;
  }
}
