// helm's manifest splitting and ordering, checked against the regexp Helm uses.
import { describe, expect, it } from 'vitest';
import { sortManifests, splitManifests } from './manifest-order.js';

const HELM_SEPARATOR = /(?:^|\s*\n)---\s*/;

describe('splitManifests', () => {
  it('splits exactly where Go splits with (?:^|\\s*\\n)---\\s*', () => {
    const alphabet = ['-', '-', '-', '\n', ' ', '\t', 'a', ':', '\r'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 5000; round++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(splitManifests(text), JSON.stringify(text)).toEqual(text.split(HELM_SEPARATOR));
    }
  });

  it('keeps a --- that the previous separator consumed the newline of', () => {
    expect(splitManifests('a\n---\n---\nb')).toEqual(['a', '---\nb']);
  });
});

describe('sortManifests', () => {
  it('orders by install order, unknown kinds by name after them, hooks last, and drops unknown hooks and empty documents', () => {
    const text = 'kind: Deployment\n---\nkind: Zebra\n---\n\n---\nkind: Apple\n---\nkind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: post-install\n---\nkind: Secret\nmetadata:\n  annotations:\n    helm.sh/hook: nope\n---\nkind: Namespace';
    expect(sortManifests([{ name: 'c/templates/a.yaml', display: 'a.yaml', text }]).map((manifest) => `${manifest.kind}${manifest.hook ? ' (hook)' : ''}`)).toEqual([
      'Namespace',
      'Deployment',
      'Apple',
      'Zebra',
      'Job (hook)',
    ]);
  });

  it('reads the kind and hook of a document go-yaml takes and the yaml package refuses (a quoted scalar over unindented lines)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    "helm.sh/hook": pre-install\ndata:\n  walk: "a=alpha\nbeta;"\n---\nkind: Namespace\n';
    expect(sortManifests([{ name: 'c/templates/a.yaml', display: 'a.yaml', text }]).map((manifest) => [manifest.kind, manifest.hook])).toEqual([
      ['Namespace', false],
      ['ConfigMap', true],
    ]);
  });

  it('refuses a document indented with a tab, as helm does', () => {
    expect(() => sortManifests([{ name: 'c/templates/a.yaml', display: 'a.yaml', text: 'kind: ConfigMap\ndata:\n\tkey: "x\n' }])).toThrow(
      'YAML parse error on c/templates/a.yaml: error converting YAML to JSON: yaml: line 3: found character that cannot start any token',
    );
  });
});
