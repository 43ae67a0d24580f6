// metrics-server: the README's "Compatibility Matrix". "1.34+" has no upper bound; "*1.8+" marks releases that
// need a flag below 1.16; "1.8-1.21" is a closed range.
import { readRepoFile, tableAfter } from './markdown-table.js';
import type { MatrixReader } from './types.js';

export const metricsServer: MatrixReader = {
  addon: 'metrics-server',
  repository: 'kubernetes-sigs/metrics-server',
  source: 'https://github.com/kubernetes-sigs/metrics-server#compatibility-matrix',
  read(checkout) {
    return tableAfter(readRepoFile(checkout, 'README.md'), 'Compatibility Matrix', 'README.md').map(([release, , kubernetes]) => {
      const range = /^\*?(\d+\.\d+)(\+|-(\d+\.\d+))$/.exec(kubernetes);
      if (!range) throw new Error(`README.md: unexpected Kubernetes range "${kubernetes}" for ${release}`);
      return { versions: release, kubernetesMin: range[1], kubernetesMax: range[3] ?? null, ...(kubernetes.startsWith('*') ? { note: 'below 1.16 needs --authorization-always-allow-paths=/livez,/readyz' } : {}) };
    });
  },
};
