// extensions / networking.k8s.io v1beta1 Ingress → networking.k8s.io/v1: backends become
// service.name/port.number|name, spec.backend becomes spec.defaultBackend, and every path
// gets pathType ImplementationSpecific (how v1beta1 matched a path without one).
import { groupOf } from './version-bumps.js';
import { isRecord } from '../core/fields.js';
import { remove, rename, replaceKey, set } from './operations.js';
import type { Migration, Operation, Path } from './types.js';

class Ambiguous extends Error {}

export const ingress: Migration = {
  handles: (apiVersion, kind) => kind === 'Ingress' && (groupOf(apiVersion) === 'extensions' || groupOf(apiVersion) === 'networking.k8s.io'),
  migrate({ object }) {
    const spec = isRecord(object.spec) ? object.spec : {};
    const operations: Operation[] = [];
    const notes: string[] = [];
    try {
      if (isRecord(spec.backend)) {
        operations.push(rename(['spec', 'backend'], 'defaultBackend'));
        operations.push(...backendOperations(spec.backend, ['spec', 'defaultBackend']));
      }
      (Array.isArray(spec.rules) ? spec.rules : []).forEach((rule, r) => {
        const paths = isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
        paths.forEach((entry, p) => {
          if (!isRecord(entry)) return;
          const at: Path = ['spec', 'rules', r, 'http', 'paths', p];
          if (entry.pathType === undefined) {
            operations.push(set([...at, 'pathType'], 'ImplementationSpecific', 'path' in entry ? { after: 'path' } : { before: 'backend' }));
          }
          if (isRecord(entry.backend)) operations.push(...backendOperations(entry.backend, [...at, 'backend']));
        });
      });
    } catch (error) {
      if (error instanceof Ambiguous) return { manual: error.message };
      throw error;
    }
    if (operations.some((operation) => operation.op === 'set' && operation.value === 'ImplementationSpecific')) {
      notes.push('pathType: ImplementationSpecific added where a path had none (the v1beta1 behaviour); Prefix or Exact are more portable');
    }
    return { operations, notes };
  },
  apiVersionLineSuffices: () => false,
};

function backendOperations(backend: Record<string, unknown>, at: Path): Operation[] {
  if (backend.resource !== undefined) return [];
  const { serviceName, servicePort } = backend;
  if (typeof serviceName !== 'string') throw new Ambiguous(`${at.join('.')} has no serviceName; write its service backend by hand`);
  let port: Record<string, unknown>;
  if (typeof servicePort === 'number') port = { number: servicePort };
  else if (typeof servicePort === 'string' && !/^\d+$/.test(servicePort)) port = { name: servicePort };
  else {
    throw new Ambiguous(`servicePort ${JSON.stringify(servicePort)} of service ${serviceName} is neither a number nor a port name; choose port.number or port.name by hand`);
  }
  return [...replaceKey([...at, 'serviceName'], 'service', { name: serviceName, port }), remove([...at, 'servicePort'])];
}
