// The registry of checks: adding a check is one file and one line here.
import { apiLifecycleCheck } from './api-lifecycle.js';
import type { Check } from './types.js';
import { pdbBudgetCheck } from './workload-readiness/pdb-budget.js';
import { pdbSelectionCheck } from './workload-readiness/pdb-selection.js';
import { podStorageCheck } from './workload-readiness/pod-storage.js';
import { probesCheck } from './workload-readiness/probes.js';
import { replicasCheck } from './workload-readiness/replicas.js';
import { spreadCheck } from './workload-readiness/spread.js';
import { terminationCheck } from './workload-readiness/termination.js';

export const checks: Record<string, Check> = {
  'api-lifecycle': apiLifecycleCheck,
  'pdb-budget': pdbBudgetCheck,
  'pdb-selection': pdbSelectionCheck,
  replicas: replicasCheck,
  probes: probesCheck,
  spread: spreadCheck,
  'pod-storage': podStorageCheck,
  termination: terminationCheck,
};
