// api-removed, api-deprecated, api-replacement-unavailable: is each object's apiVersion/kind
// still served at the target, and at every hop on the way there?
import { compareKubeVersions, hopInto } from '../core/kube-version.js';
import type { Finding, Resource } from '../core/types.js';
import type { ApiRow } from '../knowledge/schema.js';
import { describeResource, resourceRef } from '../core/describe.js';
import type { Check, CheckContext } from './types.js';

export const apiLifecycleCheck: Check = {
  ids: ['api-removed', 'api-deprecated', 'api-replacement-unavailable'],
  checkResource(resource, context) {
    const row = context.knowledge.apis.lookup(resource.apiVersion, resource.kind);
    if (!row) return [];
    return row.component === 'kubernetes' ? judgeKubernetesApi(resource, row, context) : judgeComponentApi(resource, row, context);
  },
};

function judgeKubernetesApi(resource: Resource, row: ApiRow, context: CheckContext): Finding[] {
  const { target, current } = context;
  const removed = row.removedIn !== null && compareKubeVersions(row.removedIn, target) <= 0;
  const deprecated = row.deprecatedIn !== null && compareKubeVersions(row.deprecatedIn, target) <= 0;
  if (!removed && !deprecated) return [];

  const findings: Finding[] = [];
  const subject = `${describeResource(resource)} uses ${resource.apiVersion}`;
  const replacement = replacementText(row);
  const forecast = row.forecast ? ' (forecast, not yet announced)' : '';
  const details = baseDetails(resource, row);

  if (removed) {
    const alreadyGone = current !== undefined && compareKubeVersions(row.removedIn!, current) <= 0;
    if (current !== undefined && !alreadyGone) details.hop = hopInto(row.removedIn!);
    const when = alreadyGone
      ? `; it is not served at the current ${current} either, so it cannot be applied today`
      : details.hop
        ? `; migrate before the ${details.hop} hop`
        : '';
    findings.push({
      id: 'api-removed',
      severity: 'error',
      message: `${subject}, removed in ${row.removedIn}${forecast}; ${replacement}${when}`,
      resource: resourceRef(resource),
      origin: resource.origin,
      details,
    });
  } else {
    const goesAway = row.removedIn ? `removed in ${row.removedIn}${forecast}` : 'no removal scheduled yet';
    findings.push({
      id: 'api-deprecated',
      severity: 'warning',
      message: `${subject}, deprecated since ${row.deprecatedIn} (${goesAway}); ${replacement}`,
      resource: resourceRef(resource),
      origin: resource.origin,
      details,
    });
  }

  // The replacement may not exist yet where the team starts: the move then has to happen
  // at a particular point of the upgrade, after one hop and before another.
  if (current !== undefined && row.replacementAvailableIn && compareKubeVersions(row.replacementAvailableIn, current) > 0) {
    const after = hopInto(row.replacementAvailableIn);
    const before = row.removedIn && compareKubeVersions(row.removedIn, target) <= 0 ? hopInto(row.removedIn) : undefined;
    // When the replacement arrives in the very release that removes the old version, no
    // release serves both: the object has to be rewritten as part of that hop.
    const window =
      before === after
        ? `no release serves both, so rewrite it as part of the ${after} hop (${row.note})`
        : `migrate it after the ${after} hop` + (before ? ` and before the ${before} hop` : '');
    findings.push({
      id: 'api-replacement-unavailable',
      severity: 'warning',
      message: `${describeResource(resource)}: ${row.replacement} is not served at the current ${current} (only from ${row.replacementAvailableIn}); ${window}`,
      resource: resourceRef(resource),
      origin: resource.origin,
      details: { ...details, migrateAfterHop: after, ...(before ? { migrateBeforeHop: before } : {}) },
    });
  }
  return findings;
}

/** Ecosystem CRD versions are retired by the component's own releases, not Kubernetes'. */
function judgeComponentApi(resource: Resource, row: ApiRow, context: CheckContext): Finding[] {
  const componentTarget = context.componentTargets.get(row.component);
  const reached = (version: string | null) =>
    version !== null && (componentTarget === undefined || compareKubeVersions(version, componentTarget) <= 0);
  const subject = `${describeResource(resource)} uses ${resource.apiVersion}`;
  const details = { ...baseDetails(resource, row), component: row.component, componentTarget: componentTarget ?? 'latest' };
  if (reached(row.removedIn)) {
    return [
      {
        id: 'api-removed',
        severity: 'error',
        message: `${subject}, no longer served from ${row.component} ${row.removedIn}; ${replacementText(row, row.component)}`,
        resource: resourceRef(resource),
        origin: resource.origin,
        details,
      },
    ];
  }
  if (reached(row.deprecatedIn)) {
    return [
      {
        id: 'api-deprecated',
        severity: 'warning',
        message: `${subject}, deprecated since ${row.component} ${row.deprecatedIn}${row.removedIn ? ` (removed in ${row.removedIn})` : ''}; ${replacementText(row, row.component)}`,
        resource: resourceRef(resource),
        origin: resource.origin,
        details,
      },
    ];
  }
  return [];
}

function replacementText(row: ApiRow, component?: string): string {
  if (!row.replacement) return row.note;
  const since = row.replacementAvailableIn ? ` (served since ${component ? `${component} ` : ''}${row.replacementAvailableIn})` : '';
  return `use ${row.replacement}${since}`;
}

function baseDetails(resource: Resource, row: ApiRow): Record<string, unknown> {
  const details: Record<string, unknown> = {
    deprecatedIn: row.deprecatedIn,
    removedIn: row.removedIn,
    replacement: row.replacement,
    replacementAvailableIn: row.replacementAvailableIn,
  };
  if (row.forecast) details.forecast = true;
  if (resource.confidence) details.confidence = resource.confidence;
  details.migration = row.note;
  details.source = row.source;
  return details;
}
