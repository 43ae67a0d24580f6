// Typed queries over the add-on knowledge: which add-on an image, chart or EKS add-on name belongs to, and
// merging a --data file's add-on rows into the bundled ones.
import picomatch from 'picomatch';
import type { AddonDefinition } from './addon-schema.js';
import { addIn } from '../core/map-in.js';

// The end of a glob after its last special character and a slash (`**/` matches nothing too):
// every path the glob matches ends so.
const LITERAL_TAIL = /[^*?[\]{}()!+@\\/][^*?[\]{}()!+@\\]*$|$/;

/** One image pattern of an add-on: its place among the add-ons (the first that matches wins), its literal end, its expression. */
interface ImagePattern {
  order: number;
  addon: AddonDefinition;
  tail: string;
  expression: RegExp;
}

export class AddonIndex {
  readonly addons: readonly AddonDefinition[];
  private readonly byName = new Map<string, AddonDefinition>();
  // A large estate tests every workload's images, so the patterns are found by the last path
  // segment a matching repository must end with (all of them, where the pattern's literal end
  // starts a segment: `**/coredns`, `**/autoscaling/cluster-autoscaler`); the others are tested on
  // every repository. Their regular expressions are tested directly: picomatch's matcher builds a
  // result object per test. (The add-on check at the end of the 20k bench estate's scan: 19.2 ms testing
  // every pattern on every repository, 11.8 ms so, with a Set made only for a workload with an add-on's
  // image; medians of 9 interleaved runs.)
  private readonly imagesBySegment = new Map<string, ImagePattern[]>();
  private readonly imagesAnywhere: ImagePattern[] = [];

  constructor(addons: readonly AddonDefinition[]) {
    this.addons = addons;
    for (const [order, addon] of addons.entries()) {
      this.byName.set(addon.name, addon);
      for (const pattern of addon.detect?.images ?? []) {
        const tail = LITERAL_TAIL.exec(pattern)![0];
        const entry = { order, addon, tail, expression: picomatch.makeRe(pattern) };
        const start = pattern.length - tail.length;
        if (tail !== '' && (start === 0 || pattern[start - 1] === '/')) addIn(this.imagesBySegment, lastSegment(tail), entry);
        else this.imagesAnywhere.push(entry);
      }
    }
  }

  get(name: string): AddonDefinition | undefined {
    return this.byName.get(name);
  }

  /** The add-on whose image globs match a repository such as "registry.k8s.io/autoscaling/cluster-autoscaler" (the first listed, when several do). */
  byImage(repository: string): AddonDefinition | undefined {
    if (repository === '') return undefined;
    let found: ImagePattern | undefined;
    for (const patterns of [this.imagesBySegment.get(lastSegment(repository)), this.imagesAnywhere]) {
      for (const pattern of patterns ?? []) {
        if ((found === undefined || pattern.order < found.order) && repository.endsWith(pattern.tail) && pattern.expression.test(repository)) found = pattern;
      }
    }
    return found?.addon;
  }

  byChart(chart: string): AddonDefinition | undefined {
    return this.addons.find((addon) => addon.detect?.charts?.includes(chart));
  }

  /** The custom resources operators run pods for (operatorPods rows of every add-on). */
  operatorPods(): { addon: string; row: NonNullable<AddonDefinition['operatorPods']>[number] }[] {
    return this.addons.flatMap((addon) => (addon.operatorPods ?? []).map((row) => ({ addon: addon.name, row })));
  }

  byEksAddon(name: string): AddonDefinition | undefined {
    return this.addons.find((addon) => addon.detect?.eksAddons?.includes(name));
  }
}

/**
 * A later definition of the same add-on (a --data file) adds rows: a row with the same key (compatibility
 * `versions`, recommended `kubernetes`, chart `chart`,
 * chart release `chart`) replaces the earlier one; detection patterns are added.
 */
export function mergeAddon(existing: AddonDefinition | undefined, added: AddonDefinition): AddonDefinition {
  if (!existing) return added;
  return {
    ...existing,
    ...added,
    detect: {
      images: union(existing.detect?.images, added.detect?.images),
      charts: union(existing.detect?.charts, added.detect?.charts),
      eksAddons: union(existing.detect?.eksAddons, added.detect?.eksAddons),
    },
    compatibility: mergeRows(existing.compatibility, added.compatibility, (row) => row.versions),
    recommended: mergeRows(existing.recommended, added.recommended, (row) => row.kubernetes),
    chartVersions: mergeRows(existing.chartVersions, added.chartVersions, (row) => row.chart),
    chartReleases: mergeRows(existing.chartReleases, added.chartReleases, (row) => row.chart),
    upgradePath: added.upgradePath ?? existing.upgradePath,
    operatorPods: mergeRows(existing.operatorPods, added.operatorPods, (row) => `${row.group}/${row.kind}`),
    chartRepositories: union(existing.chartRepositories, added.chartRepositories),
  };
}

function union(a: readonly string[] = [], b: readonly string[] = []): string[] {
  return [...new Set([...a, ...b])];
}

function mergeRows<T>(existing: readonly T[] = [], added: readonly T[] = [], key: (row: T) => string): T[] {
  const merged = new Map(existing.map((row) => [key(row), row]));
  for (const row of added) merged.set(key(row), row);
  return [...merged.values()];
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
