// -o sarif: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps); rule ids are finding ids.

import { displayPath } from '../core/display-path.js';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOG, isKnownFindingId } from '../core/catalog.js';
import type { Finding, Origin, Report, Severity } from '../core/types.js';
import { originName } from './labels.js';
import { sortFindings } from './order.js';
import type { ReportOptions } from './reporter.js';
import { streamedJson } from './streamed-json.js';

const INFORMATION_URI = 'https://github.com/upshift-dev/upshift';
const HELP_URI = `${INFORMATION_URI}/blob/main/docs/checks.md`;
const LEVELS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function* sarif(report: Report, options: ReportOptions): Generator<string> {
  const findings = sortFindings(report.findings);
  const rules = sarifRules(findings);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = (results: string) => ({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: report.tool.name, version: report.tool.version, informationUri: INFORMATION_URI, rules },
        },
        // Columns are counted in JavaScript string positions.
        columnKind: 'utf16CodeUnits',
        results,
        // A run's property bag: where code-scanning tools keep what the run was judged with.
        ...(report.knowledgeDate ? { properties: { knowledgeDate: report.knowledgeDate } } : {}),
      },
    ],
  });
  yield* streamedJson(log, sarifResults(findings, ruleIndex, options.cwd));
  yield '\n';
}

/** Each finding's result, made as it is written. */
function* sarifResults(findings: readonly Finding[], ruleIndex: ReadonlyMap<string, number>, cwd: string | undefined): Generator<object> {
  for (const finding of findings) yield sarifResult(finding, ruleIndex.get(finding.id)!, cwd);
}

// A catalogued id gets its catalog line and default severity; any other id (from a check not yet
// in the catalog) is described by its own words at the most severe level seen, which comes first
// because findings arrive sorted by severity.
function sarifRules(findings: Finding[]) {
  const seen = new Map<string, Severity>();
  for (const finding of findings) if (!seen.has(finding.id)) seen.set(finding.id, finding.severity);
  return [...seen.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, severity]) => {
      const entry = isKnownFindingId(id) ? CATALOG[id] : { summary: capitalize(id.split('-').join(' ')), severity };
      return {
        id,
        name: id.split('-').map(capitalize).join(''),
        shortDescription: { text: entry.summary },
        helpUri: `${HELP_URI}#${id}`,
        defaultConfiguration: { level: LEVELS[entry.severity] },
      };
    });
}

function sarifResult(finding: Finding, ruleIndex: number, cwd: string | undefined) {
  const physical = finding.origin && physicalLocation(finding.origin, cwd);
  const logicalName = physical ? undefined : logicalLocationName(finding);
  const properties = {
    ...(finding.resource && { resource: finding.resource }),
    ...(!physical && finding.origin && { origin: finding.origin }),
    ...(finding.environments && { environments: finding.environments }),
    ...(finding.details && { details: finding.details }),
  };
  return {
    ruleId: finding.id,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    ...(physical && { locations: [{ physicalLocation: physical }] }),
    ...(logicalName && { locations: [{ logicalLocations: [{ name: logicalName, kind: 'resource' }] }] }),
    ...(Object.keys(properties).length > 0 && { properties }),
  };
}

function physicalLocation(origin: Origin, cwd: string | undefined) {
  if (origin.type !== 'file' && origin.type !== 'terraform') return undefined;
  const region = { startLine: origin.line, ...(origin.column !== undefined && { startColumn: origin.column }) };
  return { artifactLocation: { uri: artifactUri(origin.path, cwd) }, region };
}

// A relative path becomes a relative URI reference (segments percent-encoded, so "#" or a space
// cannot cut it short); a path still absolute after relativizing becomes a file: URI.
function artifactUri(path: string, cwd: string | undefined): string {
  const shown = displayPath(path, cwd);
  if (isAbsolute(shown)) return pathToFileURL(shown).href;
  return shown.split('/').map(encodeURIComponent).join('/');
}

// "namespace/name" of the resource inside a Helm release or cluster, else the origin's own name.
function logicalLocationName(finding: Finding): string {
  const { resource, origin } = finding;
  if (resource) return [resource.namespace, resource.name].filter(Boolean).join('/') || resource.kind;
  return origin ? originName(origin) : '';
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
