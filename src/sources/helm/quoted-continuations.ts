// go-yaml (what helm parses its output with) accepts a quoted scalar whose continuation lines
// sit at or left of its key's indentation — `walk: "a\nb"` printed by a template — where the YAML
// spec, and so the `yaml` library, does not. Continuation lines of a quoted scalar are folded
// with their leading spaces dropped, so indenting them under the key keeps the value as go-yaml
// reads it and lets the strict parser read the document too.

// A key or list item whose value is a block scalar (| or >, with indicators): its lines are text.
const BLOCK_START = /^(\s*)\S.*[:-]\s+[|>][-+0-9]*\s*(?:#.*)?$/;
const VALUE_START = /^(\s*)(?:-\s+)*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#][^:#]*?)\s*:\s+)?(?:-\s+)*(["'])/;

/** The text with every continuation line of a multi-line quoted scalar indented under its key. */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let open: { quote: string; indent: string } | undefined;
  let blockIndent: number | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (blockIndent !== undefined) {
      if (line.trim() === '' || line.length - line.trimStart().length > blockIndent) continue;
      blockIndent = undefined;
    }
    let rest: string;
    if (open) {
      lines[index] = open.indent + lines[index].trimStart();
      rest = lines[index].slice(open.indent.length);
    } else {
      const block = BLOCK_START.exec(line);
      if (block) {
        blockIndent = block[1].length;
        continue;
      }
      const match = VALUE_START.exec(line);
      if (!match) continue;
      open = { quote: match[2], indent: `${match[1]}  ` };
      rest = lines[index].slice(match[0].length);
    }
    if (closes(rest, open.quote)) open = undefined;
  }
  return lines.join('\n');
}

/** Whether the quoted scalar ends on this part of a line. */
function closes(rest: string, quote: string): boolean {
  for (let index = 0; index < rest.length; index++) {
    const char = rest[index];
    if (quote === '"' && char === '\\') index++;
    else if (char === quote) {
      if (quote === "'" && rest[index + 1] === "'") index++;
      else return true;
    }
  }
  return false;
}
