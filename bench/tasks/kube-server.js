// Serves the generated cluster on 127.0.0.1 until killed; prints the kubeconfig path first.
import { startKubeApiServer } from '../.build/kube-api-server.js';
import { generateCluster, SERVED_1_28 } from '../generate-cluster.js';

const server = await startKubeApiServer({ gitVersion: 'v1.28.5-eks-5e0fdde', types: SERVED_1_28, objects: generateCluster() });
console.log(JSON.stringify({ kubeconfig: server.writeKubeconfig({ bench: undefined }) }));
