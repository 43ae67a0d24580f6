// Cluster Autoscaler: the "Releases" table of cluster-autoscaler/README.md in kubernetes/autoscaler. Each
// autoscaler minor is meant for one Kubernetes minor (since 1.12 the two numbers match).
import { readRepoFile, tableAfter } from './markdown-table.js';
import type { MatrixReader } from './types.js';

const FILE = 'cluster-autoscaler/README.md';

export const clusterAutoscaler: MatrixReader = {
  addon: 'cluster-autoscaler',
  repository: 'kubernetes/autoscaler',
  source: 'https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler#releases',
  read(checkout) {
    return tableAfter(readRepoFile(checkout, FILE), '| Kubernetes Version', FILE).map(([kubernetes, release, chart]) => {
      const minor = /^(\d+\.\d+)\.x$/i.exec(kubernetes)?.[1];
      if (!minor) throw new Error(`${FILE}: unexpected Kubernetes version "${kubernetes}"`);
      // Old rows name two releases ("0.5.x, 0.6.x<sup>*</sup>"): a semver union, footnote marks dropped.
      const versions = release.replace(/<[^>]*>|\*/g, '').toLowerCase().split(',').map((part) => part.trim()).join(' || ');
      return { versions, kubernetesMin: minor, kubernetesMax: minor, ...(chart && chart !== '-' ? { note: `chart ${chart}` } : {}) };
    });
  },
};
