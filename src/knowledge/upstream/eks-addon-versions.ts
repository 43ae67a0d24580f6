// Builds the EKS add-on table (the default version of each managed add-on per Kubernetes version) from the output
// of `aws eks describe-addon-versions`, and writes it as the `recommended:` rows of data/addons/<name>.yaml. The
// API is what the AWS user guide's tables are made from; its compatibilities[].defaultVersion marks the version
// EKS installs on a new cluster of that Kubernetes version.
import * as z from 'zod/mini';
import semver from 'semver';
import { compareKubeVersions } from '../../core/kube-version.js';

const describeAddonVersionsSchema = z.looseObject({
  addons: z.array(
    z.looseObject({
      addonName: z.string(),
      addonVersions: z.array(
        z.looseObject({
          addonVersion: z.string(),
          compatibilities: z.array(z.looseObject({ clusterVersion: z.string(), defaultVersion: z.optional(z.boolean()) })),
        }),
      ),
    }),
  ),
});

export interface AddonVersionRow {
  addon: string;
  kubernetes: string;
  /** The version EKS installs by default at that Kubernetes version; null when none is marked default. */
  defaultVersion: string | null;
  /** The newest version compatible with that Kubernetes version. */
  latestVersion: string;
}

/** The rows of one or more describe-addon-versions outputs (pages or per-add-on calls), by add-on then newest Kubernetes first. */
export function addonVersionRows(documents: { file: string; text: string }[]): AddonVersionRow[] {
  const byKey = new Map<string, AddonVersionRow>();
  for (const { file, text } of documents) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file}: not JSON (${(error as Error).message}); save the output of aws eks describe-addon-versions --output json`);
    }
    const parsed = z.safeParse(describeAddonVersionsSchema, data);
    if (!parsed.success) throw new Error(`${file}: not describe-addon-versions output: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    for (const addon of parsed.data.addons) {
      for (const version of addon.addonVersions) {
        for (const compatibility of version.compatibilities) {
          const key = `${addon.addonName} ${compatibility.clusterVersion}`;
          const row = byKey.get(key) ?? { addon: addon.addonName, kubernetes: compatibility.clusterVersion, defaultVersion: null, latestVersion: version.addonVersion };
          if (compatibility.defaultVersion) row.defaultVersion = version.addonVersion;
          if (newer(version.addonVersion, row.latestVersion)) row.latestVersion = version.addonVersion;
          byKey.set(key, row);
        }
      }
    }
  }
  return [...byKey.values()].sort((a, b) => a.addon.localeCompare(b.addon) || compareKubeVersions(b.kubernetes, a.kubernetes));
}

/** "v1.11.4-eksbuild.40" against "v1.11.4-eksbuild.9": the build number counts as a number, not as text. */
function newer(a: string, b: string): boolean {
  const parse = (version: string) => {
    const build = /-eksbuild\.(\d+)$/.exec(version);
    return { core: semver.coerce(version)?.version ?? '0.0.0', build: build ? Number(build[1]) : 0 };
  };
  const [left, right] = [parse(a), parse(b)];
  const byCore = semver.compare(left.core, right.core);
  return byCore !== 0 ? byCore > 0 : left.build > right.build;
}

export const DESCRIBE_ADDON_VERSIONS_SOURCE = 'https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeAddonVersions.html';

/** The `recommended:` rows of an add-on file, in the files' one-line form: the default version per Kubernetes version. */
export function recommendedLines(rows: AddonVersionRow[], addon: string): string[] {
  return rows
    .filter((row) => row.addon === addon && row.defaultVersion !== null)
    .map((row) => `      - { kubernetes: "${row.kubernetes}", version: "${row.defaultVersion}", source: "${DESCRIBE_ADDON_VERSIONS_SOURCE}" }`);
}

/** The add-on file with its `recommended:` rows replaced, everything else as written; undefined when it has no such list. */
export function replaceRecommended(fileText: string, lines: string[]): string | undefined {
  const match = /^ {4}recommended:\n((?: {6}- .*\n)*)/m.exec(fileText);
  if (!match) return undefined;
  return fileText.slice(0, match.index) + `    recommended:\n${lines.map((line) => `${line}\n`).join('')}` + fileText.slice(match.index + match[0].length);
}
