// The one edit that needs no parser: rewriting a literal top-level `apiVersion:` line,
// keeping its quoting and trailing comment. Used for Helm templates (which cannot be parsed)
// and for documents the lexical index has verified (which need not be).
const API_VERSION_LINE = /^(apiVersion:[ \t]*)(["']?)([^"'\s#{}]+)\2([ \t]*(?:#.*)?)(\r?)$/;

/** The apiVersion a line sets, when it is a literal top-level apiVersion line. */
export function readApiVersionLine(line: string): string | undefined {
  return API_VERSION_LINE.exec(line)?.[3];
}

export function rewriteApiVersionLine(line: string, to: string): string {
  return line.replace(API_VERSION_LINE, (_match, key: string, quote: string, _from: string, rest: string, cr: string) => `${key}${quote}${to}${quote}${rest}${cr}`);
}

/** Rewrites the only top-level apiVersion line of a verified document; undefined if there is not exactly one. */
export function rewriteDocumentApiVersion(text: string, from: string, to: string): string | undefined {
  const lines = text.split('\n');
  const matches = lines.flatMap((line, index) => (readApiVersionLine(line) === from ? [index] : []));
  if (matches.length !== 1 || lines.filter((line) => line.startsWith('apiVersion:')).length !== 1) return undefined;
  lines[matches[0]] = rewriteApiVersionLine(lines[matches[0]], to);
  return lines.join('\n');
}
