// Where each item of a JSON List (`kubectl get -o json`) starts, found in one pass over the
// text: the full YAML parse that placed them before took minutes and gigabytes on a List of
// 150,000 items. Only called on text JSON.parse accepted, so the scan trusts the syntax.

export interface TextPosition {
  /** 1-based, as the YAML parser reports positions. */
  line: number;
  column: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** The start of each element of the root object's "items" array (the last "items", as JSON.parse keeps), or undefined when there is none. */
export function jsonListItemPositions(text: string): TextPosition[] | undefined {
  let positions: TextPosition[] | undefined;
  let collecting: TextPosition[] | undefined; // the items array being read, at depth 2
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let lastKey: string | undefined; // the last string read at depth 1, a key when a colon follows
  let itemsNext = false; // the value after `"items":` is about to start
  let expectElement = false; // at depth 2 of the items array, after `[` or `,`
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (expectElement && c !== CLOSE_BRACKET) {
      collecting!.push({ line, column: i - lineStart + 1 });
      expectElement = false;
    }
    if (c === QUOTE) {
      const start = i + 1;
      for (i = start; text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
      if (depth === 1) lastKey = text.slice(start, i);
      continue;
    }
    if (depth === 1 && c === COLON) {
      itemsNext = lastKey === 'items';
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (itemsNext && depth === 2 && c === OPEN_BRACKET) {
        collecting = [];
        expectElement = true;
      }
      itemsNext = false;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 2 && collecting) {
        positions = collecting;
        collecting = undefined;
      }
      depth--;
      expectElement = false;
    } else if (c === COMMA) {
      if (depth === 2 && collecting) expectElement = true;
    } else {
      itemsNext = false; // a scalar value
    }
  }
  return positions;
}
