// cert-manager: the supported releases table of cert-manager.io/docs/releases (cert-manager/website
// content/docs/releases/README.md); upcoming releases ("TBD") are left out.
import { minorBounds, readRepoFile, tableAfter } from './markdown-table.js';
import type { MatrixReader } from './types.js';

const FILE = 'content/docs/releases/README.md';

export const certManager: MatrixReader = {
  addon: 'cert-manager',
  repository: 'cert-manager/website',
  source: 'https://cert-manager.io/docs/releases/',
  read(checkout) {
    return tableAfter(readRepoFile(checkout, FILE), '| Release', FILE).flatMap(([release, date, , supported]) => {
      if (/TBD/.test(supported)) return [];
      const kubernetes = supported.split('/')[0];
      const { min, max } = minorBounds(kubernetes, FILE);
      return [{ versions: `${release.replace(/[[\]]/g, '').trim()}.x`, kubernetesMin: min, kubernetesMax: max, note: `released ${date}` }];
    });
  },
};
