// Karpenter publishes its matrix as data: hack/docs/compatibilitymatrix_gen/compatibility.yaml.
import { parse } from 'yaml';
import { readRepoFile } from './markdown-table.js';
import type { MatrixReader, MatrixRow } from './types.js';

const FILE = 'hack/docs/compatibilitymatrix_gen/compatibility.yaml';

export const karpenter: MatrixReader = {
  addon: 'karpenter',
  repository: 'aws/karpenter-provider-aws',
  source: 'https://github.com/aws/karpenter-provider-aws/blob/main/website/content/en/docs/upgrading/compatibility.md',
  read(checkout) {
    // The failsafe schema reads every scalar as text: 1.30 stays "1.30", not the number 1.3.
    const data = parse(readRepoFile(checkout, FILE), { schema: 'failsafe' }) as { compatibility?: { appVersion?: unknown; minK8sVersion?: unknown; maxK8sVersion?: unknown }[] };
    if (!Array.isArray(data?.compatibility)) throw new Error(`${FILE}: no compatibility list`);
    const rows = new Map<string, MatrixRow>();
    for (const entry of data.compatibility) {
      if (typeof entry.appVersion !== 'string') throw new Error(`${FILE}: an entry has no appVersion`);
      const minor = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
      // Upstream repeats some entries verbatim: one row each.
      rows.set(entry.appVersion, { versions: entry.appVersion, kubernetesMin: minor(entry.minK8sVersion), kubernetesMax: minor(entry.maxK8sVersion) });
    }
    return [...rows.values()];
  },
};
