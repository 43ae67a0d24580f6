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
});
