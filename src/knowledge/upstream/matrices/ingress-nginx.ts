// ingress-nginx: the README's "Supported Versions table", one row per controller release.
import { minorBounds, readRepoFile, tableAfter } from './markdown-table.js';
import type { MatrixReader } from './types.js';

export const ingressNginx: MatrixReader = {
  addon: 'ingress-nginx',
  repository: 'kubernetes/ingress-nginx',
  source: 'https://github.com/kubernetes/ingress-nginx#supported-versions-table',
  read(checkout) {
    const rows = tableAfter(readRepoFile(checkout, 'README.md'), 'Supported Versions table', 'README.md');
    return rows.map(([, release, kubernetes, , , chart]) => {
      const { min, max } = minorBounds(kubernetes, 'README.md');
      return { versions: release.replace(/[*v]/g, ''), kubernetesMin: min, kubernetesMax: max, note: `chart ${chart}` };
    });
  },
};
