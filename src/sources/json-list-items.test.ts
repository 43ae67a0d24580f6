import { describe, expect, it } from 'vitest';
import { jsonListItemPositions } from './json-list-items.js';
import { parseYamlDocuments } from './yaml-parse.js';

/** Where the YAML parser (JSON is YAML) places the items: the reference. */
function parserPositions(text: string) {
  const outcome = parseYamlDocuments(text);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.documents[0].items?.map(({ line, column }) => ({ line, column }));
}

describe('jsonListItemPositions', () => {
  const lists = [
    '{"apiVersion": "v1", "kind": "List", "items": [\n  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}},\n  {"apiVersion": "v1", "kind": "Pod"}\n]}\n',
    JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { items: [1, 2], note: 'a "quoted" \\ items: [' }, items: [{ kind: 'A', spec: { items: [{}, []] } }, 'text', 3, null, [1]] }, null, 4),
    '{"kind":"List","items":[{"a":"}\\"]"},{"b":[]}],"apiVersion":"v1"}',
    '{"kind": "List", "items": []}',
    '\r\n{"kind": "List",\r\n "items" : [ {"k": "é✓"} ,\r\n\t{"k": 2} ] }\r\n',
  ];
  it('places every item where the YAML parser does', () => {
    for (const text of lists) expect(jsonListItemPositions(text), text).toEqual(parserPositions(text));
  });

  it('finds nothing without a root items array', () => {
    expect(jsonListItemPositions('{"kind": "Pod", "spec": {"items": [1, 2]}}')).toBeUndefined();
    expect(jsonListItemPositions('{"items": {"a": 1}}')).toBeUndefined();
    expect(jsonListItemPositions('[1, 2]')).toBeUndefined();
  });

  it('reads a List of 150,000 items in one pass', () => {
    const items = Array.from({ length: 150_000 }, (_, index) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${index}` } }));
    const positions = jsonListItemPositions(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2))!;
    expect(positions).toHaveLength(150_000);
    expect(positions[149_999]).toEqual({ line: 5 + 149_999 * 7, column: 5 });
  });
});
