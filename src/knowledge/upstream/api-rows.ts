// Regenerates the Kubernetes rows of data/apis.yaml from kubernetes/api's prerelease-lifecycle tags and the
// reviewed overrides of data/apis-reviewed.yaml (migration notes, deprecation-guide sources, and every field
// where a person decided against the tags, with why). The other components' rows and the file's header are kept
// as written; existing Kubernetes rows keep their place, new ones go to the end of their removal release.
import { parse } from 'yaml';
import * as z from 'zod/mini';
import type { ApiRow } from '../schema.js';
import type { LifecycleTags, TaggedKind } from './lifecycle-tags.js';

const minorOrNull = z.nullable(z.string().check(z.regex(/^\d+\.\d+$/)));

const reviewedRowSchema = z.strictObject({
  /** "group/version Kind", or "version Kind" for the core group. */
  api: z.string().check(z.regex(/^\S+ \S+$/)),
  /** The dates are announced in the Kubernetes deprecation guide: the row is not a forecast. */
  deprecationGuide: z.optional(z.boolean()),
  note: z.string(),
  source: z.string(),
  /** Fields the reviewed row holds instead of what the tags say (or, for a kind gone from kubernetes/api, at all). */
  set: z.optional(
    z.strictObject({
      deprecatedIn: z.optional(minorOrNull),
      removedIn: z.optional(minorOrNull),
      replacement: z.optional(z.nullable(z.string())),
      replacementAvailableIn: z.optional(minorOrNull),
    }),
  ),
  /** Why `set` departs from the tags; required with `set`. */
  why: z.optional(z.string()),
});

export const reviewedFileSchema = z.strictObject({ reviewed: z.array(reviewedRowSchema) });
export type ReviewedRow = z.infer<typeof reviewedRowSchema>;

/** What regeneration changed, for the person running it. */
export interface RegenerationSummary {
  fromTags: number;
  /** Rows whose kind is not in the checkout (deleted from kubernetes/api long after removal): kept as reviewed. */
  kept: string[];
  /** Rows the tags know that the file did not have. */
  added: string[];
  /** Reviewed rows that name a kind neither the tags nor the file have: a typo or a stale entry. */
  unmatchedReviews: string[];
}

const DEFAULT_NOTE =
  'Not in the deprecation guide: dates are the kubernetes/api prerelease-lifecycle tags (what the API server warning reports), not an announced removal.';

export function apiKey(row: { group: string; version: string; kind: string }): string {
  return `${row.group ? `${row.group}/` : ''}${row.version} ${row.kind}`;
}

/** The new text of data/apis.yaml. Throws with a message naming the row when a review lacks its why. */
export function regenerateApisFile(current: string, reviewedText: string, tags: LifecycleTags): { text: string; summary: RegenerationSummary } {
  const reviewed = new Map(reviewedFileSchema.parse(parse(reviewedText)).reviewed.map((row) => [row.api, row]));
  for (const row of reviewed.values()) if (row.set && !row.why) throw new Error(`data/apis-reviewed.yaml: ${row.api} sets fields without a why`);
  const { head, tail, rows: existing } = splitApisFile(current);
  const tagged = new Map(tags.kinds.map((kind) => [apiKey(kind), kind]));
  const summary: RegenerationSummary = { fromTags: 0, kept: [], added: [], unmatchedReviews: [] };

  const rows: ApiRow[] = [];
  const order = new Map<string, number>();
  for (const row of existing) {
    const key = apiKey(row);
    order.set(key, order.size);
    const kind = tagged.get(key);
    if (kind) {
      rows.push(rowFromTags(kind, tags, reviewed.get(key)));
      summary.fromTags++;
    } else {
      rows.push(applyReview(row, reviewed.get(key)));
      summary.kept.push(key);
    }
  }
  for (const [key, kind] of tagged) {
    if (order.has(key)) continue;
    rows.push(rowFromTags(kind, tags, reviewed.get(key)));
    summary.fromTags++;
    summary.added.push(key);
  }
  const known = new Set(rows.map(apiKey));
  summary.unmatchedReviews = [...reviewed.keys()].filter((key) => !known.has(key));
  return { text: `${head}${renderKubernetesRows(rows, order)}${tail}`, summary };
}

function rowFromTags(kind: TaggedKind, tags: LifecycleTags, review: ReviewedRow | undefined): ApiRow {
  const replacement = kind.replacement ?? inferredReplacement(kind, tags);
  const row: ApiRow = {
    group: kind.group,
    version: kind.version,
    kind: kind.kind,
    component: 'kubernetes',
    deprecatedIn: kind.deprecated,
    removedIn: kind.removed,
    replacement,
    replacementAvailableIn: replacement ? (tags.introduced.get(`${replacement} ${kind.kind}`) ?? null) : null,
    forecast: true,
    note: DEFAULT_NOTE,
    source: `https://github.com/kubernetes/api/blob/master/${kind.file}`,
  };
  return applyReview(row, review);
}

/**
 * Where the tags name no replacement (most alpha/beta kinds since 1.26), the same kind at the most stable version
 * of its group that is more stable than this one: GA before beta before alpha, then the higher version.
 */
export function inferredReplacement(kind: TaggedKind, tags: LifecycleTags): string | null {
  const prefix = kind.group ? `${kind.group}/` : '';
  let best: { apiVersion: string; rank: number[] } | undefined;
  for (const key of tags.introduced.keys()) {
    const [apiVersion, name] = key.split(' ');
    if (name !== kind.kind || !apiVersion.startsWith(prefix)) continue;
    const version = apiVersion.slice(prefix.length);
    if (version.includes('/')) continue;
    const rank = stability(version);
    if (compareRanks(rank, stability(kind.version)) <= 0) continue;
    if (!best || compareRanks(rank, best.rank) > 0) best = { apiVersion, rank };
  }
  return best?.apiVersion ?? null;
}

/** [stage (alpha 0, beta 1, GA 2), major, pre-release number] of "v1beta2" and the like. */
function stability(version: string): number[] {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!match) return [-1, 0, 0];
  const stage = match[2] === 'alpha' ? 0 : match[2] === 'beta' ? 1 : 2;
  return [stage, Number(match[1]), Number(match[3] ?? 0)];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function applyReview(row: ApiRow, review: ReviewedRow | undefined): ApiRow {
  if (!review) return row;
  const reviewed: ApiRow = { ...row, ...review.set, note: review.note, source: review.source };
  if (review.deprecationGuide) delete reviewed.forecast;
  else reviewed.forecast = true;
  return reviewed;
}

/** The file around its Kubernetes rows: everything before the first Kubernetes section, its rows, and the rest. */
function splitApisFile(text: string): { head: string; tail: string; rows: ApiRow[] } {
  const first = text.indexOf('  # ---- kubernetes:');
  const after = /^ {2}# ---- (?!kubernetes:)/m.exec(text.slice(first));
  if (first < 0 || !after) throw new Error('data/apis.yaml: expected "# ---- kubernetes:" sections followed by other components');
  const rows = (parse(text) as { apis: ApiRow[] }).apis.filter((row) => row.component === 'kubernetes');
  return { head: text.slice(0, first), tail: text.slice(first + after.index), rows };
}

function renderKubernetesRows(rows: ApiRow[], order: Map<string, number>): string {
  const sections = new Map<string, ApiRow[]>();
  for (const row of rows) {
    const section = row.removedIn ?? '';
    sections.set(section, [...(sections.get(section) ?? []), row]);
  }
  const releases = [...sections.keys()].sort(compareSections);
  const rank = (row: ApiRow) => order.get(apiKey(row)) ?? Number.MAX_SAFE_INTEGER;
  return releases
    .map((release) => {
      const title = release ? `removed in Kubernetes ${release}` : 'deprecated, no removal scheduled';
      // Array.sort is stable: new rows (same rank) stay in tag order after the existing ones.
      const sorted = [...sections.get(release)!].sort((a, b) => rank(a) - rank(b));
      return `  # ---- kubernetes: ${title} ----\n${sorted.map(renderRow).join('')}`;
    })
    .join('');
}

function compareSections(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  const [, minorA] = a.split('.').map(Number);
  const [, minorB] = b.split('.').map(Number);
  return minorA - minorB;
}

function renderRow(row: ApiRow): string {
  const value = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));
  const lines = [
    `  - group: ${value(row.group)}`,
    `    version: ${value(row.version)}`,
    `    kind: ${value(row.kind)}`,
    `    component: ${value(row.component)}`,
    `    deprecatedIn: ${value(row.deprecatedIn)}`,
    `    removedIn: ${value(row.removedIn)}`,
    `    replacement: ${value(row.replacement)}`,
    `    replacementAvailableIn: ${value(row.replacementAvailableIn)}`,
    ...(row.forecast === undefined ? [] : [`    forecast: ${row.forecast}`]),
    `    note: ${value(row.note)}`,
    `    source: ${value(row.source)}`,
  ];
  return `${lines.join('\n')}\n`;
}
