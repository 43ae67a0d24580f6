// cert-manager v1alpha2 / v1alpha3 / v1beta1 → v1, where the move is mechanical: objects that
// use none of the fields v1 renamed change only their apiVersion. The others are left for
// `cmctl convert`, which knows cert-manager's own conversions.
import { isRecord } from '../core/fields.js';
import type { Migration } from './types.js';

const GROUPS = ['cert-manager.io', 'acme.cert-manager.io'];
const RENAMED_SPEC_FIELDS: Record<string, string[]> = {
  Certificate: ['keyAlgorithm', 'keySize', 'keyEncoding', 'organization', 'emailSANs', 'uriSANs'],
  CertificateRequest: ['csr'],
};

export const certManager: Migration = {
  handles: (apiVersion) => GROUPS.some((group) => apiVersion.startsWith(`${group}/`)),
  migrate({ object, kind, from, to }) {
    const spec = isRecord(object.spec) ? object.spec : {};
    const renamed = (RENAMED_SPEC_FIELDS[kind] ?? []).filter((field) => spec[field] !== undefined);
    if (renamed.length) {
      return { manual: `spec.${renamed.join(', spec.')} changed shape between ${from} and ${to}; convert this ${kind} with cmctl convert` };
    }
    return { operations: [], notes: [] };
  },
  apiVersionLineSuffices: (_from, kind, text) => !(RENAMED_SPEC_FIELDS[kind] ?? []).some((field) => new RegExp(`^\\s*${field}:`, 'm').test(text)),
};
