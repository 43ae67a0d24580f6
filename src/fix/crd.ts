// apiextensions.k8s.io/v1beta1 CustomResourceDefinition → v1. Top-level version fields
// move under every spec.versions[] entry (validation becomes schema), JSONPath becomes
// jsonPath, the conversion webhook settings nest under conversion.webhook, scope is made
// explicit, and preserveUnknownFields: true becomes x-kubernetes-preserve-unknown-fields on
// every object of the schema — v1 would otherwise prune what v1beta1 kept.
import { isRecord } from '../core/fields.js';
import { remove, rename, replaceKey, set } from './operations.js';
import type { Migration, Operation, Path } from './types.js';

const PER_VERSION: [string, string][] = [
  ['subresources', 'subresources'],
  ['additionalPrinterColumns', 'additionalPrinterColumns'],
  ['validation', 'schema'],
];

export const crd: Migration = {
  handles: (apiVersion, kind) => kind === 'CustomResourceDefinition' && apiVersion.startsWith('apiextensions.k8s.io/'),
  migrate({ object }) {
    const spec = object.spec;
    if (!isRecord(spec)) return { manual: 'the CRD has no spec' };
    const operations: Operation[] = [];
    const notes: string[] = [];
    let versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
    if (spec.scope === undefined) {
      operations.push(set(['spec', 'scope'], 'Namespaced', { after: 'names' }));
      notes.push('spec.scope: Namespaced made explicit (the v1beta1 default)');
    }
    if (versions.length === 0) {
      if (typeof spec.version !== 'string') return { manual: 'the CRD has neither spec.version nor spec.versions' };
      const entry = { name: spec.version, served: true, storage: true };
      operations.push(...replaceKey(['spec', 'version'], 'versions', [entry]));
      versions = [entry];
    } else if (spec.version !== undefined) {
      operations.push(remove(['spec', 'version']));
    }
    for (const [field, key] of PER_VERSION) {
      if (spec[field] === undefined) continue;
      if (versions.some((version) => version[key] !== undefined)) return { manual: `spec.${field} is set both at the top and per version; merge them by hand` };
      versions.forEach((_, index) => operations.push({ op: 'copy', from: ['spec', field], to: ['spec', 'versions', index], key }));
      operations.push(remove(['spec', field]));
    }
    versions.forEach((version, v) => {
      const columns = spec.additionalPrinterColumns ?? version.additionalPrinterColumns;
      (Array.isArray(columns) ? columns : []).forEach((column, c) => {
        if (isRecord(column) && column.JSONPath !== undefined) operations.push(rename(['spec', 'versions', v, 'additionalPrinterColumns', c, 'JSONPath'], 'jsonPath'));
      });
    });
    const schemas = versions.map((version) => (spec.validation !== undefined ? spec.validation : version.schema));
    if (spec.preserveUnknownFields === true) {
      operations.push(remove(['spec', 'preserveUnknownFields']));
      schemas.forEach((schema, v) => {
        const root = isRecord(schema) ? schema.openAPIV3Schema : undefined;
        if (isRecord(root)) operations.push(...preserveEverywhere(root, ['spec', 'versions', v, 'schema', 'openAPIV3Schema']));
      });
      notes.push('preserveUnknownFields: true became x-kubernetes-preserve-unknown-fields: true on every object of the schema, so nothing is pruned that v1beta1 kept');
    } else if (spec.preserveUnknownFields === false) {
      operations.push(remove(['spec', 'preserveUnknownFields']));
    }
    schemas.forEach((schema, v) => {
      if (schema === undefined) {
        operations.push(set(['spec', 'versions', v, 'schema'], { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } }));
        notes.push(`spec.versions[${v}] had no schema: an open one (type: object, x-kubernetes-preserve-unknown-fields) was added; v1 requires one`);
      }
    });
    const conversion = isRecord(spec.conversion) ? spec.conversion : undefined;
    if (conversion?.webhookClientConfig !== undefined) {
      const reviewVersions = conversion.conversionReviewVersions ?? ['v1beta1'];
      operations.push(...replaceKey(['spec', 'conversion', 'webhookClientConfig'], 'webhook', { clientConfig: conversion.webhookClientConfig, conversionReviewVersions: reviewVersions }));
      if (conversion.conversionReviewVersions !== undefined) operations.push(remove(['spec', 'conversion', 'conversionReviewVersions']));
    }
    const unstructural = schemas.flatMap((schema) => (isRecord(schema) ? nonStructural(schema.openAPIV3Schema, 'openAPIV3Schema') : []));
    if (unstructural.length) return { manual: `v1 needs a structural schema: ${unstructural.slice(0, 3).join('; ')}; add the types by hand` };
    return { operations, notes };
  },
  apiVersionLineSuffices: () => false,
};

/** Object schemas (at every depth) that do not yet preserve unknown fields. */
function preserveEverywhere(schema: Record<string, unknown>, at: Path): Operation[] {
  const operations: Operation[] = [];
  const isObject = schema.type === 'object' || isRecord(schema.properties);
  if (isObject && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    operations.push(set([...at, 'x-kubernetes-preserve-unknown-fields'], true, 'type' in schema ? { after: 'type' } : {}));
  }
  if (isRecord(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) if (isRecord(child)) operations.push(...preserveEverywhere(child, [...at, 'properties', name]));
  }
  if (isRecord(schema.items)) operations.push(...preserveEverywhere(schema.items, [...at, 'items']));
  return operations;
}

/** Where a schema lacks the types a structural schema needs. */
function nonStructural(schema: unknown, where: string): string[] {
  if (!isRecord(schema)) return [`${where} is missing`];
  const open = schema['x-kubernetes-preserve-unknown-fields'] === true || schema['x-kubernetes-int-or-string'] === true;
  const problems = schema.type === undefined && !open ? [`${where} has no type`] : [];
  if (isRecord(schema.properties)) for (const [name, child] of Object.entries(schema.properties)) problems.push(...nonStructural(child, `${where}.properties.${name}`));
  if (schema.items !== undefined) problems.push(...nonStructural(schema.items, `${where}.items`));
  return problems;
}
