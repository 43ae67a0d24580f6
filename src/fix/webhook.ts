// admissionregistration.k8s.io/v1beta1 webhook configurations → v1. v1 requires sideEffects
// (None or NoneOnDryRun) and admissionReviewVersions, and changes three defaults. The old
// defaults are written out so the webhook behaves as before; sideEffects is only kept, never
// guessed: whether a webhook has side effects is known to its author alone.
import { isRecord } from '../core/fields.js';
import { set } from './operations.js';
import type { Migration, Operation } from './types.js';

const OLD_DEFAULTS: [string, unknown][] = [
  ['failurePolicy', 'Ignore'],
  ['matchPolicy', 'Exact'],
  ['timeoutSeconds', 30],
];

export const webhook: Migration = {
  handles: (apiVersion, kind) => (kind === 'ValidatingWebhookConfiguration' || kind === 'MutatingWebhookConfiguration') && apiVersion.startsWith('admissionregistration.k8s.io/'),
  migrate({ object }) {
    const webhooks = Array.isArray(object.webhooks) ? object.webhooks : [];
    const operations: Operation[] = [];
    const notes = new Set<string>();
    const names = new Set<unknown>();
    for (const [index, entry] of webhooks.entries()) {
      if (!isRecord(entry)) continue;
      const name = String(entry.name ?? `webhooks[${index}]`);
      if (names.has(entry.name)) return { manual: `webhook name ${name} appears twice; v1 requires unique names` };
      names.add(entry.name);
      if (entry.sideEffects !== 'None' && entry.sideEffects !== 'NoneOnDryRun') {
        const current = entry.sideEffects === undefined ? 'unset (Unknown)' : String(entry.sideEffects);
        return {
          manual: `webhook ${name}: sideEffects is ${current}; v1 accepts only None or NoneOnDryRun, and only the webhook's author knows which is true — set it, then run fix again`,
        };
      }
      const at = ['webhooks', index];
      for (const [field, value] of OLD_DEFAULTS) {
        if (entry[field] === undefined) {
          operations.push(set([...at, field], value));
          notes.add(`${field}: ${value} made explicit (the v1beta1 default; v1 changes it)`);
        }
      }
      if (entry.admissionReviewVersions === undefined) {
        operations.push(set([...at, 'admissionReviewVersions'], ['v1beta1']));
        notes.add('admissionReviewVersions: [v1beta1] made explicit (what v1beta1 sent); add v1 once the server understands it');
      }
    }
    return { operations, notes: [...notes] };
  },
  apiVersionLineSuffices: () => false,
};
