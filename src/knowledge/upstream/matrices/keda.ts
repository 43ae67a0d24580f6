// KEDA: the "Kubernetes Compatibility" table of the Cluster page, in the newest content/docs/<release>/ folder of
// kedacore/keda-docs (each release's folder repeats the whole table); releases still "TBD" are left out.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { minorBounds, readRepoFile, tableAfter } from './markdown-table.js';
import type { MatrixReader } from './types.js';

export const keda: MatrixReader = {
  addon: 'keda',
  repository: 'kedacore/keda-docs',
  source: 'https://keda.sh/docs/latest/operate/cluster/#kubernetes-compatibility',
  read(checkout) {
    let releases: string[];
    try {
      releases = readdirSync(join(checkout, 'content/docs')).filter((name) => /^\d+\.\d+$/.test(name));
    } catch {
      throw new Error(`${join(checkout, 'content/docs')}: not found; is ${checkout} a checkout of kedacore/keda-docs?`);
    }
    const newest = releases.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).at(-1);
    const file = `content/docs/${newest}/operate/cluster.md`;
    return tableAfter(readRepoFile(checkout, file), '| KEDA', file).flatMap(([release, kubernetes]) => {
      if (/TBD/.test(kubernetes)) return [];
      const { min, max } = minorBounds(kubernetes, file);
      return [{ versions: `${release.replace(/^v/, '')}.x`, kubernetesMin: min, kubernetesMax: max }];
    });
  },
};
