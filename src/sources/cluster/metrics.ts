// The API server's `apiserver_requested_deprecated_apis` gauge: which deprecated
// group/version/resources clients have requested since the server started.
import { compareKubeVersions, hopInto } from '../../core/kube-version.js';
import type { Finding } from '../../core/types.js';
import type { TargetKnowledge } from '../../knowledge/target-knowledge.js';

export interface DeprecatedApiCall {
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  /** The release that stops serving it, as the server knows it ("1.22"), if announced. */
  removedRelease?: string;
}

const SERIES = /^apiserver_requested_deprecated_apis\{([^}]*)\}\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parseDeprecatedApiCalls(metricsText: string): DeprecatedApiCall[] {
  const calls: DeprecatedApiCall[] = [];
  for (const line of metricsText.split('\n')) {
    const match = SERIES.exec(line);
    if (!match || Number(match[2]) === 0) continue;
    const labels = new Map([...match[1].matchAll(LABEL)].map((label) => [label[1], label[2]]));
    const call: DeprecatedApiCall = { group: labels.get('group') ?? '', version: labels.get('version') ?? '', resource: labels.get('resource') ?? '' };
    if (labels.get('subresource')) call.subresource = labels.get('subresource');
    if (labels.get('removed_release')) call.removedRelease = labels.get('removed_release');
    calls.push(call);
  }
  return calls;
}

/**
 * deprecated-api-called for each series: an error when the API is gone at the target (or a
 * hop before it), a warning when it is only deprecated. `kindOf` names the resource's kind.
 */
export function deprecatedApiCallFindings(calls: readonly DeprecatedApiCall[], kindOf: (call: DeprecatedApiCall) => string | undefined, context: TargetKnowledge, clusterName: string): Finding[] {
  return calls.map((call) => {
    const apiVersion = call.group ? `${call.group}/${call.version}` : call.version;
    const kind = kindOf(call);
    const row = kind ? context.knowledge.apis.lookup(apiVersion, kind) : undefined;
    const removedIn = call.removedRelease ?? row?.removedIn ?? undefined;
    const removed = removedIn !== undefined && compareKubeVersions(removedIn, context.target) <= 0;
    const what = `${apiVersion} ${call.resource}${call.subresource ? `/${call.subresource}` : ''}`;
    const replacement = row?.replacement ? `; move the client to ${row.replacement}` : '';
    const when = removed ? `, removed in ${removedIn}: the client breaks at the ${hopInto(removedIn)} hop` : removedIn ? ` (deprecated, removed in ${removedIn})` : ' (deprecated)';
    const finding: Finding = {
      id: 'deprecated-api-called',
      severity: removed ? 'error' : 'warning',
      message: `a client still calls ${what}${when}${replacement}; the API server's audit log names the client (user agent)`,
      origin: { type: 'cluster', context: clusterName },
      details: { group: call.group, version: call.version, resource: call.resource, removedIn: removedIn ?? null, replacement: row?.replacement ?? null, evidence: 'apiserver_requested_deprecated_apis' },
    };
    if (kind) finding.resource = { apiVersion, kind };
    return finding;
  });
}
