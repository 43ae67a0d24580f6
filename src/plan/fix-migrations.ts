// The API-migration step of a hop is exactly what `upshift fix --target TO --write` does at
// that hop (its dry run, read beforehand): the objects it rewrites are the step's items and
// resolve their findings; what fix leaves to a person goes to the environment's manual, with
// fix's own reason.
import type { Finding } from '../core/types.js';
import type { FixChange, ManualMigration } from '../fix/report-types.js';
import type { Coverage } from './coverage.js';
import * as estimate from './durations.js';
import type { StepContext, StepDraft } from './steps.js';

const API_FINDINGS = new Set(['api-removed', 'api-deprecated', 'api-replacement-unavailable', 'field-removed', 'psp-in-use', 'tf-resource-deprecated']);

/**
 * The fix steps of `hop` (none when fix changes nothing there): the changes of a dry run at
 * the hop's target that a run at the previous hop's target did not already make.
 */
export function fixMigrations(context: StepContext, hop: string, previousTarget: string | undefined, coverage: Coverage): StepDraft[] {
  const to = hop.split('→')[1];
  const report = context.fixReports?.get(to);
  if (!report) return [];
  const findings = context.findings.filter((finding) => API_FINDINGS.has(finding.id) && !coverage.isResolved(finding));
  const done = new Set((previousTarget ? context.fixReports?.get(previousTarget)?.changes ?? [] : []).map(changeKey));
  const changes = report.changes.filter((change) => !done.has(changeKey(change)));
  // A file holding an object whose replacement the current version does not serve is migrated
  // right after the control plane moves; every other file before.
  const afterHop = new Set(
    findings.filter((finding) => finding.id === 'api-replacement-unavailable').flatMap((finding) => changes.filter((change) => matches(finding, change)).map((change) => change.path)),
  );
  const steps = (['before', 'during'] as const).map((phase) => {
    const mine = changes.filter((change) => afterHop.has(change.path) === (phase === 'during'));
    // fix reads a chart's templates through the chart's directory.
    const files = [...new Set(mine.map((change) => change.path.replace(/\/templates\/.*$/, '')))];
    const title = phase === 'before' ? `before ${hop}` : `right after the ${hop} control-plane update (their replacement API is not served before it)`;
    const step: StepDraft = {
      hop,
      phase,
      kind: 'api-migration',
      title: `Migrate ${mine.length} object${mine.length === 1 ? '' : 's'} with upshift fix ${title}`,
      edits: [],
      commands: [`upshift fix ${(phase === 'before' && afterHop.size === 0 ? context.paths : files).join(' ') || '.'} --target ${to} --write`],
      resolves: [],
      items: mine.map((change) => `${change.kind} ${qualified(change)}: ${change.from} → ${change.to} (${change.path}:${change.line})`),
      minutes: Math.max(1, mine.length) * estimate.API_MIGRATION_MINUTES_PER_OBJECT,
      rollback: phase === 'before' ? 'Re-apply the previous manifests from version control: the old APIs are still served.' : 'The old API is no longer served here: fix forward (correct the migrated manifest and re-apply).',
    };
    for (const finding of findings) if (mine.some((change) => matches(finding, change))) step.resolves.push(coverage.resolve(finding));
    return mine.length > 0 ? step : undefined;
  });
  for (const finding of findings) {
    if (coverage.isResolved(finding)) continue;
    const manual = report.manual.find((candidate) => matches(finding, candidate));
    if (manual) coverage.leave(finding, `upshift fix leaves it to a person: ${manual.reason}`);
  }
  return steps.filter((step): step is StepDraft => step !== undefined);
}

function changeKey(change: FixChange): string {
  return `${change.path} ${change.kind} ${qualified(change)} ${change.from}`;
}

function qualified(change: { namespace?: string; name?: string }): string {
  return change.namespace ? `${change.namespace}/${change.name ?? ''}` : change.name ?? '(unnamed)';
}

function matches(finding: Finding, change: FixChange | ManualMigration): boolean {
  const origin = finding.origin;
  if (!origin || !('path' in origin) || origin.path !== change.path) return false;
  const resource = finding.resource;
  if (!resource || resource.kind !== change.kind) return false;
  // A rendered object (chart template, Kustomize overlay) is named by the rendering, not the file.
  const rendered = origin.type === 'file' && (origin.chart !== undefined || origin.kustomization !== undefined);
  if (!rendered && change.name !== undefined && ((resource.name ?? '') !== change.name || (resource.namespace ?? '') !== (change.namespace ?? ''))) return false;
  const apiVersion = 'from' in change ? change.from : change.apiVersion;
  return resource.apiVersion === undefined || resource.apiVersion === apiVersion;
}
