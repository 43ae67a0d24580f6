// The public library API: everything the CLI does is available from here.
export { runCheck, runScan, resolveContext, type CheckOptions, type ScanResult } from './run-check.js';
export { runFix, type FixOptions } from './run-fix.js';
export { migrations } from './fix/index.js';
export type { FixReport, FixChange, ManualMigration } from './fix/report-types.js';
export type { Migration, Operation } from './fix/types.js';
export { UsageError } from './core/errors.js';
export * from './core/types.js';
export * from './core/kube-version.js';
export { loadKnowledge, KnowledgeError, type Knowledge } from './knowledge/load.js';
export { supportCalendar, defaultTarget, type SupportStatus, type VersionSupport } from './knowledge/calendar.js';
export { checks } from './checks/index.js';
export { CATALOG, type FindingId } from './core/catalog.js';
export type { Check, CheckContext } from './checks/types.js';
export type { Inventory, Platform } from './core/inventory.js';
export { reporters, reportPieces, sortFindings, summarize, type Reporter, type ReportOptions, type ReportPieces } from './report/index.js';
export { versionsReport, type VersionsReport, type VersionsEntry } from './versions.js';
export { detectAddons, type DetectedAddon, type DetectionVia } from './addons/detect.js';
export { judgeAddon, type AddonMove, type AddonVerdict } from './addons/compatibility.js';
export { stalenessWarning } from './knowledge/staleness.js';
export { startScan, type Scan } from './run-check.js';
export type { ClusterOptions, ClusterResult } from './run-cluster.js';
export { runSnapshot } from './run-snapshot.js';
export { mergeReports, type NamedReport } from './merge-reports.js';

/** Scans a live cluster (see run-cluster.ts); loaded on first use, as the Kubernetes client is large. */
export async function runCluster(options: import('./run-cluster.js').ClusterOptions): Promise<import('./run-cluster.js').ClusterResult> {
  return (await import('./run-cluster.js')).runCluster(options);
}
