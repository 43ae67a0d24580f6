// The registry of checks: adding a check is one file and one line here.
import { apiLifecycleCheck } from './api-lifecycle.js';
import { tfResourceDeprecatedCheck } from './tf-resource-deprecated.js';
import type { Check } from './types.js';

export const checks: Record<string, Check> = {
  'api-lifecycle': apiLifecycleCheck,
  'tf-resource-deprecated': tfResourceDeprecatedCheck,
};
