// The registry of checks: adding a check is one file and one line here.
import { addonCompatibilityCheck } from './addon-compatibility.js';
import { apiLifecycleCheck } from './api-lifecycle.js';
import type { Check } from './types.js';

export const checks: Record<string, Check> = {
  'api-lifecycle': apiLifecycleCheck,
  'addon-compatibility': addonCompatibilityCheck,
};
