// Argo CD: docs/operator-manual/tested-kubernetes-versions.md, filled in on each release-3.N branch (master says
// only "populated for released versions"): read a checkout of the newest release branch.
import { minorBounds, readRepoFile, tableAfter } from './markdown-table.js';
import type { MatrixReader } from './types.js';

const FILE = 'docs/operator-manual/tested-kubernetes-versions.md';

export const argoCd: MatrixReader = {
  addon: 'argo-cd',
  repository: 'argoproj/argo-cd (a release-3.N branch)',
  source: 'https://argo-cd.readthedocs.io/en/stable/operator-manual/installation/#tested-versions',
  read(checkout) {
    const text = readRepoFile(checkout, FILE);
    if (!text.includes('|')) throw new Error(`${FILE}: no table; master leaves it empty, check out a release-3.N branch`);
    return tableAfter(text, '| Argo CD version', FILE).map(([release, kubernetes]) => {
      const { min, max } = minorBounds(kubernetes, FILE);
      return { versions: `${release}.x`, kubernetesMin: min, kubernetesMax: max, note: 'tested versions' };
    });
  },
};
