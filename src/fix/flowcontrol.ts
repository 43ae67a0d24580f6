// API Priority and Fairness (flowcontrol.apiserver.k8s.io) → v1beta3 / v1: FlowSchema is
// unchanged; PriorityLevelConfiguration renames assuredConcurrencyShares to
// nominalConcurrencyShares, whose explicit 0 no longer means "the default of 30".
import { isRecord } from '../core/fields.js';
import { rename } from './operations.js';
import type { Migration } from './types.js';

export const flowcontrol: Migration = {
  handles: (apiVersion, kind) => (kind === 'FlowSchema' || kind === 'PriorityLevelConfiguration') && apiVersion.startsWith('flowcontrol.apiserver.k8s.io/'),
  migrate({ object, kind }) {
    const limited = isRecord(object.spec) && isRecord(object.spec.limited) ? object.spec.limited : undefined;
    if (kind !== 'PriorityLevelConfiguration' || limited?.assuredConcurrencyShares === undefined) return { operations: [], notes: [] };
    if (limited.assuredConcurrencyShares === 0) {
      return { manual: 'assuredConcurrencyShares: 0 meant the default (30) before v1beta3, but nominalConcurrencyShares: 0 means zero; choose the value by hand' };
    }
    return { operations: [rename(['spec', 'limited', 'assuredConcurrencyShares'], 'nominalConcurrencyShares')], notes: [] };
  },
  apiVersionLineSuffices: (_from, kind, text) => kind === 'FlowSchema' || !/assuredConcurrencyShares/.test(text),
};
