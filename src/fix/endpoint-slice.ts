// discovery.k8s.io/v1beta1 EndpointSlice → v1: endpoints[].topology gives way to nodeName
// and zone; any other topology key has no v1 field and is left to a person.
import { isRecord } from '../core/fields.js';
import { remove, replaceKey, set } from './operations.js';
import type { Migration, Operation } from './types.js';

const TOPOLOGY_FIELDS: Record<string, string> = {
  'kubernetes.io/hostname': 'nodeName',
  'topology.kubernetes.io/zone': 'zone',
};

export const endpointSlice: Migration = {
  handles: (apiVersion, kind) => kind === 'EndpointSlice' && apiVersion.startsWith('discovery.k8s.io/'),
  migrate({ object }) {
    const endpoints = Array.isArray(object.endpoints) ? object.endpoints : [];
    const operations: Operation[] = [];
    for (const [index, endpoint] of endpoints.entries()) {
      if (!isRecord(endpoint) || !isRecord(endpoint.topology)) continue;
      const entries = Object.entries(endpoint.topology);
      const unknown = entries.filter(([key]) => !(key in TOPOLOGY_FIELDS)).map(([key]) => key);
      if (unknown.length) return { manual: `endpoints[${index}].topology has ${unknown.join(', ')}, which discovery.k8s.io/v1 cannot hold (deprecatedTopology is read-only); drop or move them by hand` };
      const at = ['endpoints', index];
      if (entries.length === 1) {
        operations.push(...replaceKey([...at, 'topology'], TOPOLOGY_FIELDS[entries[0][0]], entries[0][1]));
      } else {
        for (const [key, value] of entries) operations.push(set([...at, TOPOLOGY_FIELDS[key]], value, { after: 'topology' }));
        operations.push(remove([...at, 'topology']));
      }
    }
    return { operations, notes: [] };
  },
  apiVersionLineSuffices: (_from, _kind, text) => !/^\s*topology:/m.test(text),
};
