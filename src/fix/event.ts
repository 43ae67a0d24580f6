// events.k8s.io/v1beta1 Event → v1: the same fields, but v1 refuses the deprecated* fields
// and types other than Normal and Warning on create.
import type { Migration } from './types.js';

const DEPRECATED = ['deprecatedSource', 'deprecatedFirstTimestamp', 'deprecatedLastTimestamp', 'deprecatedCount'];

export const event: Migration = {
  handles: (apiVersion, kind) => kind === 'Event' && apiVersion.startsWith('events.k8s.io/'),
  migrate({ object }) {
    const present = DEPRECATED.filter((field) => object[field] !== undefined);
    if (present.length) return { manual: `${present.join(', ')} cannot be written through events.k8s.io/v1; move them to eventTime, series and reportingController/reportingInstance by hand` };
    if (object.type !== undefined && object.type !== 'Normal' && object.type !== 'Warning') {
      return { manual: `type ${JSON.stringify(object.type)} is not allowed in events.k8s.io/v1 (Normal or Warning)` };
    }
    return { operations: [], notes: [] };
  },
  apiVersionLineSuffices: () => false,
};
