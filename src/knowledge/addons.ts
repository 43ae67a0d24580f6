// Typed queries over the add-on knowledge: which add-on an image, chart or EKS add-on name belongs to, and
// merging a --data file's add-on rows into the bundled ones.
import picomatch from 'picomatch';
import type { AddonDefinition } from './addon-schema.js';

// The end of a glob after its last special character and a slash (`**/` matches nothing too):
// every path the glob matches ends so.
const LITERAL_TAIL = /[^*?[\]{}()!+@\\/][^*?[\]{}()!+@\\]*$|$/;

export class AddonIndex {
  readonly addons: readonly AddonDefinition[];
  private readonly byName = new Map<string, AddonDefinition>();
  private readonly imageMatchers: { addon: AddonDefinition; matches: (repository: string) => boolean }[] = [];

  constructor(addons: readonly AddonDefinition[]) {
    this.addons = addons;
    for (const addon of addons) {
      this.byName.set(addon.name, addon);
      const patterns = addon.detect?.images ?? [];
      if (patterns.length === 0) continue;
      // The patterns' regular expressions, tested directly (picomatch's matcher builds a result
      // object per test), and only on repositories that end as the pattern does: a large estate
      // tests every workload's images against every add-on.
      const expressions = patterns.map((pattern) => ({ tail: LITERAL_TAIL.exec(pattern)![0], expression: picomatch.makeRe(pattern) }));
      const matches = (repository: string) =>
        repository !== '' && expressions.some(({ tail, expression }) => repository.endsWith(tail) && expression.test(repository));
      this.imageMatchers.push({ addon, matches });
    }
  }

  get(name: string): AddonDefinition | undefined {
    return this.byName.get(name);
  }

  /** The add-on whose image globs match a repository such as "registry.k8s.io/autoscaling/cluster-autoscaler". */
  byImage(repository: string): AddonDefinition | undefined {
    return this.imageMatchers.find((matcher) => matcher.matches(repository))?.addon;
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
