// The report as the plain object CLI.md specifies for -o json, shared by json and yaml.

import { displayPath } from '../core/display-path.js';
import type { Finding, Origin, Report, ResourceRef, Severity } from '../core/types.js';

import { sortFindings } from './order.js';

/** `Findings`: the findings' documents, or what stands for them while they are streamed (streamed-json.ts). */
export interface ReportDocument<Findings = FindingDocument[]> {
  tool: { name: string; version: string };
  platform: string;
  // null rather than absent, so consumers can rely on the key.
  current: string | null;
  target: string;
  findings: Findings;
  summary: Record<Severity, number>;
  // Additions to CLI.md's schema come after its fields, so its key order holds.
  /** Present when the current version was read from infrastructure code. */
  currentFrom?: { environment: string; origin?: Origin };
  notes?: string[];
  /** The date of the knowledge base the findings were judged with. */
  knowledgeDate?: string;
}

/** A finding as printed: the same fields, in CLI.md's key order. */
export type FindingDocument = Finding;

/** The document of `report` around `findings`: its findings' documents (findingDocuments), or what stands for them. */
export function reportDocument<Findings>(report: Report, cwd: string | undefined, findings: Findings): ReportDocument<Findings> {
  const { error, warning, info } = report.summary;
  const currentFrom = report.currentFrom && {
    environment: report.currentFrom.environment,
    ...(report.currentFrom.origin ? { origin: originDocument(report.currentFrom.origin, cwd) } : {}),
  };
  return {
    tool: { name: report.tool.name, version: report.tool.version },
    platform: report.platform,
    current: report.current ?? null,
    target: report.target,
    findings,
    summary: { error, warning, info },
    ...(currentFrom ? { currentFrom } : {}),
    ...(report.notes?.length ? { notes: report.notes } : {}),
    ...(report.knowledgeDate ? { knowledgeDate: report.knowledgeDate } : {}),
  };
}

/** The report's findings as printed, in order, made one at a time as they are written. */
export function* findingDocuments(report: Report, cwd: string | undefined): Generator<FindingDocument> {
  for (const finding of sortFindings(report.findings)) yield findingDocument(finding, cwd);
}

// Rebuilt field by field so the key order is CLI.md's, whatever order the check used.
function findingDocument(finding: Finding, cwd: string | undefined): FindingDocument {
  const document: FindingDocument = { id: finding.id, severity: finding.severity, message: finding.message };
  if (finding.resource) document.resource = resourceDocument(finding.resource);
  if (finding.origin) document.origin = originDocument(finding.origin, cwd);
  if (finding.environments?.length) document.environments = finding.environments;
  if (finding.details) document.details = finding.details;
  return document;
}

function resourceDocument(resource: ResourceRef): ResourceRef {
  const document: ResourceRef = { apiVersion: resource.apiVersion, kind: resource.kind };
  if (resource.namespace !== undefined) document.namespace = resource.namespace;
  if (resource.name !== undefined) document.name = resource.name;
  return document;
}

// Sources build origins in different orders (a Terraform origin gets its env before or after its
// address); printed, every origin of a type has its keys in one order, CLI.md's type, path, line, column first.
const ORIGIN_KEYS: { [Type in Origin['type']]: readonly string[] } = {
  file: ['type', 'path', 'line', 'column', 'document', 'chart', 'kustomization', 'env'],
  terraform: ['type', 'path', 'line', 'column', 'address', 'env'],
  'helm-release': ['type', 'release', 'namespace', 'revision', 'chart'],
  cluster: ['type', 'context', 'uid', 'writtenBy'],
  eks: ['type', 'cluster', 'region', 'arn'],
};

function originDocument(origin: Origin, cwd: string | undefined): Origin {
  const located: Record<string, unknown> = origin.type === 'file' || origin.type === 'terraform' ? { ...origin, path: displayPath(origin.path, cwd) } : { ...origin };
  const document: Record<string, unknown> = {};
  for (const key of [...ORIGIN_KEYS[origin.type], ...Object.keys(located)]) {
    if (located[key] !== undefined && !(key in document)) document[key] = located[key];
  }
  return document as Origin;
}
