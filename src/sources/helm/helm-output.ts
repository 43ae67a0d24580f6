// Reading what `helm template` prints: its documents, each under the `# Source:` comment that
// names the template that wrote it (chart/templates/x.yaml, chart/charts/sub/templates/y.yaml),
// the template line each document starts at when the template shows it, and the template
// file and line in helm's error messages.

export interface HelmDocument {
  /** Helm's template name from the `# Source:` comment. */
  source: string;
  /** The document without its separator and Source comment. */
  text: string;
}

const SOURCE = /^# Source: (.+?)\s*$/;

/** Helm's documents; text before the first Source comment (none in practice) is dropped. */
export function splitHelmOutput(output: string): HelmDocument[] {
  const documents: HelmDocument[] = [];
  let current: { source: string; lines: string[] } | undefined;
  const flush = () => {
    if (current && current.lines.some((line) => line.trim() && !line.startsWith('#'))) documents.push({ source: current.source, text: `${current.lines.join('\n')}\n` });
  };
  for (const line of output.split('\n')) {
    const source = SOURCE.exec(line);
    if (source) {
      flush();
      current = { source: source[1], lines: [] };
    } else if (/^---\s*$/.test(line)) {
      // A separator inside a template's output starts another document from the same template.
      if (current?.lines.some((text) => text.trim())) {
        flush();
        current = { source: current.source, lines: [] };
      }
    } else {
      current?.lines.push(line);
    }
  }
  flush();
  return documents;
}

/**
 * The template line each rendered document of one template starts at, or 1 where the
 * template does not show it: the first content line of each document is looked up in the
 * template's own documents (between `---` lines), in order, literally or as a line whose
 * text before its first `{{` matches; a `range` may write one template document many times.
 */
export function locateDocuments(template: string, documents: readonly string[]): number[] {
  const sourceDocuments = templateDocuments(template);
  let next = 0;
  return documents.map((document) => {
    const first = firstContentLine(document);
    if (first === undefined) return 1;
    for (let index = next; index < sourceDocuments.length; index++) {
      const line = findLine(sourceDocuments[index], first);
      if (line !== undefined) {
        next = index + 1;
        return line;
      }
    }
    // The template document that matched last, written again by a range.
    return (next > 0 ? findLine(sourceDocuments[next - 1], first) : undefined) ?? 1;
  });
}

interface TemplateLine {
  number: number;
  text: string;
}

function templateDocuments(template: string): TemplateLine[][] {
  const documents: TemplateLine[][] = [[]];
  template.split('\n').forEach((raw, index) => {
    const text = raw.replace(/\r$/, '');
    if (/^---\s*$/.test(text)) documents.push([]);
    else documents[documents.length - 1].push({ number: index + 1, text });
  });
  return documents;
}

function firstContentLine(document: string): string | undefined {
  return document.split('\n').find((line) => line.trim() && !line.trimStart().startsWith('#'))?.trimEnd();
}

/** A literal match first; else a templated line whose literal start matches (`apiVersion: {{ ... }}`). */
function findLine(lines: readonly TemplateLine[], wanted: string): number | undefined {
  const literal = lines.find((line) => line.text.trimEnd() === wanted);
  if (literal) return literal.number;
  const templated = lines.find((line) => {
    const open = line.text.indexOf('{{');
    if (open <= 0) return false;
    const prefix = line.text.slice(0, open);
    return prefix.trim() !== '' && wanted.startsWith(prefix);
  });
  return templated?.number;
}

export interface HelmErrorLocation {
  /** Helm's template name, e.g. chart/templates/x.yaml. */
  template: string;
  line: number;
  column: number;
}

/**
 * Where helm's message says the error is: `parse error at (chart/templates/x.yaml:12): ...`,
 * `template: chart/templates/x.yaml:12:3: executing ...`, `execution error at (x.yaml:7:16): ...`,
 * `YAML parse error on chart/templates/x.yaml: ...` (a line of the output, so the file's first line).
 */
export function helmErrorLocation(message: string): HelmErrorLocation | undefined {
  const located = /([^\s():]+\.(?:ya?ml|tpl|txt|json)):(\d+)(?::(\d+))?/.exec(message);
  if (located) return { template: located[1], line: Number(located[2]), column: located[3] ? Number(located[3]) : 1 };
  const named = /\bon ([^\s():]+\.(?:ya?ml|tpl|txt|json)):/.exec(message);
  if (named) return { template: named[1], line: 1, column: 1 };
  return undefined;
}
