// Istio: istio.io's data/compatibility/supportStatus.yml, which renders the "Supported releases" page.
import { parse } from 'yaml';
import { readRepoFile } from './markdown-table.js';
import type { MatrixReader } from './types.js';

const FILE = 'data/compatibility/supportStatus.yml';

export const istio: MatrixReader = {
  addon: 'istio',
  repository: 'istio/istio.io',
  source: 'https://istio.io/latest/docs/releases/supported-releases/',
  read(checkout) {
    const entries = parse(readRepoFile(checkout, FILE), { schema: 'failsafe' }) as { version?: string; releaseDate?: string; k8sVersions?: string[] | string }[];
    if (!Array.isArray(entries)) throw new Error(`${FILE}: expected a list of releases`);
    return entries.flatMap((entry) => {
      if (!entry.version || !/^\d+\.\d+$/.test(entry.version) || !entry.k8sVersions || entry.k8sVersions.length === 0) return [];
      // Older copies write the list as one string ("1.22, 1.23").
      const minors = (Array.isArray(entry.k8sVersions) ? entry.k8sVersions : entry.k8sVersions.split(',')).map((minor) => minor.trim());
      const sorted = minors.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
      return [{ versions: `${entry.version}.x`, kubernetesMin: sorted[0], kubernetesMax: sorted.at(-1)!, ...(entry.releaseDate ? { note: `released ${entry.releaseDate}` } : {}) }];
    });
  },
};
