// AWS Load Balancer Controller: the "Supported Kubernetes versions" bullets of docs/deploy/installation.md, e.g.
// "v2.2.0~v2.3.1 requires Kubernetes 1.16-1.21" (a closed range) or "v2.5.0+ requires Kubernetes 1.22+" (open).
// Overlapping open ranges (2.4.0+, 2.5.0+) are printed as published; the add-on file splits them.
import { readRepoFile } from './markdown-table.js';
import type { MatrixReader, MatrixRow } from './types.js';

const FILE = 'docs/deploy/installation.md';
const BULLET = /^\* AWS Load Balancer Controller v(\d+\.\d+\.\d+)(?:~v(\d+\.\d+\.\d+)|\+) requires Kubernetes (\d+\.\d+)(?:-(\d+\.\d+)|\+)\s*$/;

export const awsLoadBalancerController: MatrixReader = {
  addon: 'aws-load-balancer-controller',
  repository: 'kubernetes-sigs/aws-load-balancer-controller',
  source: 'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/#supported-kubernetes-versions',
  read(checkout) {
    const lines = readRepoFile(checkout, FILE).split('\n');
    const start = lines.findIndex((line) => /^## Supported Kubernetes versions/.test(line));
    if (start < 0) throw new Error(`${FILE}: no "## Supported Kubernetes versions" found; the page layout changed, update the reader`);
    const rows: MatrixRow[] = [];
    for (const line of lines.slice(start + 1)) {
      if (line.startsWith('#')) break;
      if (!line.startsWith('* ')) continue;
      const bullet = BULLET.exec(line);
      if (!bullet) throw new Error(`${FILE}: unexpected line "${line}"`);
      const [, from, to, min, max] = bullet;
      rows.push({ versions: to ? `>=${from} <=${to}` : `>=${from}`, kubernetesMin: min, kubernetesMax: max ?? null });
    }
    if (rows.length === 0) throw new Error(`${FILE}: the "Supported Kubernetes versions" section lists no versions`);
    return rows;
  },
};
