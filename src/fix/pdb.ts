// policy/v1beta1 PodDisruptionBudget → policy/v1. The fields are the same, but an empty
// selector changes meaning (none in v1beta1, every pod in the namespace in v1): such a PDB
// is never converted silently.
import { isRecord } from '../core/fields.js';
import { isEmptyRecord } from './operations.js';
import type { Migration } from './types.js';

export const pdb: Migration = {
  handles: (apiVersion, kind) => kind === 'PodDisruptionBudget' && apiVersion.startsWith('policy/'),
  migrate({ object }) {
    const selector = isRecord(object.spec) ? object.spec.selector : undefined;
    if (isEmptyRecord(selector)) {
      return {
        manual:
          'spec.selector is {}: in policy/v1beta1 it selects no pods, in policy/v1 every pod in the namespace; set matchLabels for the pods it should protect, or delete the PDB',
      };
    }
    return { operations: [], notes: [] };
  },
  apiVersionLineSuffices: (_from, _kind, text) => /^\s*(matchLabels|matchExpressions):/m.test(text) && !/selector:\s*\{\s*\}/.test(text),
};
