// Which control-plane minor a finding starts from: the environment's own cluster version when the
// infrastructure code or the cluster says it, else --current.
import { minorOf, parseKubeVersion } from '../core/kube-version.js';
import type { Origin } from '../core/types.js';
import { originPath } from '../core/origin-path.js';
import type { CheckContext } from './types.js';
import type { EnvironmentFact, Inventory } from '../core/inventory.js';

/**
 * The control-plane minor of the environment named `env`, else --current (or the version read
 * from the code). Environments can share a name: eksctl's own examples name two clusters in two
 * files cluster-2 (one at 1.21, one without a version), and one cluster name can be used in two
 * regions. So of those named `env`, the one declared in the file of `near` (where the subject,
 * say an add-on, is written) comes first; then the first found, as before.
 */
export function currentVersionFor(env: string | undefined, inventory: Inventory, context: CheckContext, near?: Origin): string | undefined {
  if (env === undefined) return context.current;
  const named = inventory.environments.filter((environment) => environment.name === env);
  const nearPath = originPath(near);
  const chosen = (nearPath === undefined ? undefined : named.find((environment) => originPath(environment.origin) === nearPath)) ?? named[0];
  return (chosen && declaredVersionOf(chosen)) ?? context.current;
}

/** The control-plane minor of this very environment: its own version, else as currentVersionFor finds one for its name. */
export function currentVersionOf(environment: EnvironmentFact, inventory: Inventory, context: CheckContext): string | undefined {
  return declaredVersionOf(environment) ?? currentVersionFor(environment.name, inventory, context);
}

function declaredVersionOf(environment: EnvironmentFact): string | undefined {
  const parsed = environment.clusterVersion === undefined ? undefined : parseKubeVersion(environment.clusterVersion);
  return parsed ? minorOf(parsed) : undefined;
}
