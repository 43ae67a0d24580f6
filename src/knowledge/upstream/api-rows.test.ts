import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLifecycleTags } from './lifecycle-tags.js';
import { regenerateApisFile } from './api-rows.js';

const CHECKOUT = 'test/fixtures/upstream/kubernetes-api';
const current = readFileSync('test/fixtures/upstream/apis-current.yaml', 'utf8');
const reviewed = readFileSync('test/fixtures/upstream/apis-reviewed.yaml', 'utf8');

describe('readLifecycleTags', () => {
  it('reads every alpha/beta kind with its group, applying the generator defaults where a tag is missing', () => {
    const tags = readLifecycleTags(CHECKOUT);
    expect(tags.kinds.map((kind) => [`${kind.group}/${kind.version} ${kind.kind}`, kind.introduced, kind.deprecated, kind.removed, kind.replacement, kind.tagged, kind.file])).toEqual([
      ['policy/v1beta1 PodDisruptionBudget', '1.5', '1.21', '1.25', 'policy/v1', { deprecated: true, removed: true }, 'policy/v1beta1/types.go'],
      ['widgets.example.io/v1alpha1 Gadget', '1.31', '1.32', '1.35', null, { deprecated: true, removed: false }, 'widgets/v1alpha1/types.go'],
      ['widgets.example.io/v1alpha1 Widget', '1.30', '1.33', '1.36', null, { deprecated: false, removed: false }, 'widgets/v1alpha1/types.go'],
      ['widgets.example.io/v1beta1 Widget', '1.32', '1.35', '1.38', null, { deprecated: false, removed: false }, 'widgets/v1beta1/types.go'],
    ]);
    expect(Object.fromEntries(tags.introduced)).toEqual({
      'v1 Pod': '1.0',
      'policy/v1 PodDisruptionBudget': '1.21',
      'policy/v1beta1 PodDisruptionBudget': '1.5',
      'widgets.example.io/v1 Widget': '1.34',
      'widgets.example.io/v1alpha1 Gadget': '1.31',
      'widgets.example.io/v1alpha1 Widget': '1.30',
      'widgets.example.io/v1beta1 Widget': '1.32',
    });
  });
});

describe('regenerateApisFile', () => {
  const tags = readLifecycleTags(CHECKOUT);

  it('rewrites Kubernetes rows from the tags and the reviews, keeps the rest, and adds new kinds to their removal release', () => {
    const { text, summary } = regenerateApisFile(current, reviewed, tags);
    expect(summary).toEqual({
      fromTags: 4,
      kept: ['extensions/v1beta1 Gone'],
      added: ['widgets.example.io/v1alpha1 Gadget', 'widgets.example.io/v1alpha1 Widget', 'widgets.example.io/v1beta1 Widget'],
      unmatchedReviews: [],
    });
    const tagNote = 'Not in the deprecation guide: dates are the kubernetes/api prerelease-lifecycle tags (what the API server warning reports), not an announced removal.';
    expect(text).toBe(
      current.slice(0, current.indexOf('  # ---- kubernetes: removed in Kubernetes 1.16')) +
        current.slice(current.indexOf('  # ---- kubernetes: removed in Kubernetes 1.16'), current.indexOf('  # ---- kubernetes: removed in Kubernetes 1.25')) +
        `  # ---- kubernetes: removed in Kubernetes 1.25 ----
  - group: "policy"
    version: "v1beta1"
    kind: "PodDisruptionBudget"
    component: "kubernetes"
    deprecatedIn: "1.21"
    removedIn: "1.25"
    replacement: "policy/v1"
    replacementAvailableIn: "1.21"
    note: "policy/v1 selects every pod with an empty selector."
    source: "https://kubernetes.io/docs/reference/using-api/deprecation-guide/#poddisruptionbudget-v125"
  # ---- kubernetes: removed in Kubernetes 1.33 ----
  - group: "widgets.example.io"
    version: "v1alpha1"
    kind: "Gadget"
    component: "kubernetes"
    deprecatedIn: "1.32"
    removedIn: "1.33"
    replacement: null
    replacementAvailableIn: null
    forecast: true
    note: "Gadget has no successor."
    source: "https://example.io/gadget"
  # ---- kubernetes: removed in Kubernetes 1.36 ----
  - group: "widgets.example.io"
    version: "v1alpha1"
    kind: "Widget"
    component: "kubernetes"
    deprecatedIn: "1.33"
    removedIn: "1.36"
    replacement: "widgets.example.io/v1"
    replacementAvailableIn: "1.34"
    forecast: true
    note: "${tagNote}"
    source: "https://github.com/kubernetes/api/blob/master/widgets/v1alpha1/types.go"
  # ---- kubernetes: removed in Kubernetes 1.38 ----
  - group: "widgets.example.io"
    version: "v1beta1"
    kind: "Widget"
    component: "kubernetes"
    deprecatedIn: "1.35"
    removedIn: "1.38"
    replacement: "widgets.example.io/v1"
    replacementAvailableIn: "1.34"
    forecast: true
    note: "${tagNote}"
    source: "https://github.com/kubernetes/api/blob/master/widgets/v1beta1/types.go"
` +
        current.slice(current.indexOf('  # ---- cert-manager')),
    );
    // Regenerating its own output changes nothing.
    expect(regenerateApisFile(text, reviewed, tags).text).toBe(text);
  });

  it('names reviews that match no kind, and refuses a departure from the tags without a why', () => {
    const stale = `${reviewed}  - api: "widgets.example.io/v1alpha1 Gizmo"\n    note: "typo"\n    source: "https://example.io"\n`;
    expect(regenerateApisFile(current, stale, tags).summary.unmatchedReviews).toEqual(['widgets.example.io/v1alpha1 Gizmo']);
    const noWhy = reviewed.replace('    why: "Dropped from the types in release-1.33."\n', '');
    expect(() => regenerateApisFile(current, noWhy, tags)).toThrow('data/apis-reviewed.yaml: widgets.example.io/v1alpha1 Gadget sets fields without a why');
  });

  it('finds data/apis.yaml already agreeing with every reviewed override', () => {
    // With no tags every Kubernetes row is "kept": applying the reviews must leave the committed file as it is.
    const bundled = readFileSync('data/apis.yaml', 'utf8');
    const result = regenerateApisFile(bundled, readFileSync('data/apis-reviewed.yaml', 'utf8'), { kinds: [], introduced: new Map() });
    expect(result.summary.unmatchedReviews).toEqual([]);
    expect(result.text).toBe(bundled);
  });
});
