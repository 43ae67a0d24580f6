// The readers of add-on matrices published as files in their projects' repositories, by add-on name.
import { argoCd } from './argo-cd.js';
import { awsLoadBalancerController } from './aws-load-balancer-controller.js';
import { certManager } from './cert-manager.js';
import { clusterAutoscaler } from './cluster-autoscaler.js';
import { ingressNginx } from './ingress-nginx.js';
import { istio } from './istio.js';
import { karpenter } from './karpenter.js';
import { keda } from './keda.js';
import { metricsServer } from './metrics-server.js';
import type { MatrixReader, MatrixRow } from './types.js';

export const matrixReaders: ReadonlyMap<string, MatrixReader> = new Map(
  [karpenter, ingressNginx, certManager, istio, argoCd, metricsServer, keda, clusterAutoscaler, awsLoadBalancerController].map((reader) => [reader.addon, reader]),
);

/** A row as data/addons/<name>.yaml writes it. */
export function compatibilityLine(row: MatrixRow, source: string): string {
  const value = (text: string | null) => (text === null ? 'null' : JSON.stringify(text));
  const note = row.note ? `, note: ${JSON.stringify(row.note)}` : '';
  return `      - { versions: ${JSON.stringify(row.versions)}, kubernetesMin: ${value(row.kubernetesMin)}, kubernetesMax: ${value(row.kubernetesMax)}${note}, source: ${JSON.stringify(source)} }`;
}
