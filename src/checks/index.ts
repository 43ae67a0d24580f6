// The registry of checks: adding a check is one file and one line here.
import { addonCompatibilityCheck } from './addon-compatibility.js';
import { addonRetiredCheck } from './addon-retired.js';
import { al2NodesCheck } from './al2-nodes.js';
import { apiLifecycleCheck } from './api-lifecycle.js';
import { dockerSocketCheck } from './docker-socket.js';
import { fieldLifecycleCheck } from './field-lifecycle.js';
import { pspInUseCheck } from './psp-in-use.js';
import { supportWindowCheck } from './support-window.js';
import { tfResourceDeprecatedCheck } from './tf-resource-deprecated.js';
import { versionSkewCheck } from './version-skew.js';
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
  'field-lifecycle': fieldLifecycleCheck,
  'addon-compatibility': addonCompatibilityCheck,
  'addon-retired': addonRetiredCheck,
  'version-skew': versionSkewCheck,
  'al2-nodes': al2NodesCheck,
  'docker-socket': dockerSocketCheck,
  'psp-in-use': pspInUseCheck,
  'support-window': supportWindowCheck,
  'tf-resource-deprecated': tfResourceDeprecatedCheck,
  'pdb-budget': pdbBudgetCheck,
  'pdb-selection': pdbSelectionCheck,
  replicas: replicasCheck,
  probes: probesCheck,
  spread: spreadCheck,
  'pod-storage': podStorageCheck,
  termination: terminationCheck,
};
