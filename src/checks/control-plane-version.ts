// Which control-plane minor a finding starts from: the environment's own cluster version when the
// infrastructure code or the cluster says it, else --current.
import { minorOf, parseKubeVersion } from '../core/kube-version.js';
import type { CheckContext } from './types.js';
import type { Inventory } from '../core/inventory.js';

export function currentVersionFor(env: string | undefined, inventory: Inventory, context: CheckContext): string | undefined {
  const declared = env === undefined ? undefined : inventory.environments.find((environment) => environment.name === env)?.clusterVersion;
  const parsed = declared === undefined ? undefined : parseKubeVersion(declared);
  return parsed ? minorOf(parsed) : context.current;
}
