// The -o names of the report formats, apart from the reporters themselves (report/index.ts), so
// that a command can list them in its --help without loading every reporter.
export const REPORT_FORMATS = ['table', 'wide', 'json', 'yaml', 'markdown', 'csv', 'sarif', 'junit', 'html'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];
