// JSON.stringify(document, null, 2) a piece at a time, for a document whose size is one long
// array (a report's findings): the array's items are written one by one, so that a report of
// tens of thousands of findings is never held as one string (and its Buffer copy) on the way out.

// What stands in the document for the streamed array while the rest is stringified: NUL cannot
// appear unescaped in JSON text, so its escaped form is found exactly where it was put, and no
// check's text comes before the array in the documents streamed here.
const STREAMED = '\u0000upshift streamed array\u0000';

/** The document with STREAMED at the array's place: `with(STREAMED)` returns it. */
export type StreamedDocument = (placeholder: string) => unknown;

/**
 * The text JSON.stringify(document, null, 2) gives, in pieces: the text before the array, each
 * item (after the first, with its separating comma), and the text after it.
 */
export function* streamedJson(document: StreamedDocument, items: Iterable<unknown>): Generator<string> {
  const text = JSON.stringify(document(STREAMED), null, 2);
  const marker = JSON.stringify(STREAMED);
  const at = text.indexOf(marker);
  if (at < 0) throw new Error('streamedJson: the document does not hold the streamed array');
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart, at))![0];
  const itemIndent = `${indent}  `;
  let first = true;
  for (const item of items) {
    // JSON text never holds a raw line break inside a string, so every line break is the
    // layout's and the item moves right by its depth in the document.
    const body = JSON.stringify(item, null, 2).replaceAll('\n', `\n${itemIndent}`);
    yield first ? `${text.slice(0, at)}[\n${itemIndent}${body}` : `,\n${itemIndent}${body}`;
    first = false;
  }
  yield first ? `${text.slice(0, at)}[]${text.slice(at + marker.length)}` : `\n${indent}]${text.slice(at + marker.length)}`;
}
