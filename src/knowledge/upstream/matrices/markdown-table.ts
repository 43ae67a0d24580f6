// The rows of the first Markdown pipe table after a heading or marker line, as arrays of trimmed cells.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readRepoFile(checkout: string, path: string): string {
  try {
    return readFileSync(join(checkout, path), 'utf8');
  } catch {
    throw new Error(`${join(checkout, path)}: not found; is ${checkout} a checkout of the right repository?`);
  }
}

/**
 * Cells of each body row of the table that follows `marker` (a line containing it), header and separator left out.
 * Leading/trailing pipes are optional, as in GitHub Markdown.
 */
export function tableAfter(text: string, marker: string, file: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.includes(marker));
  if (start < 0) throw new Error(`${file}: no "${marker}" found; the page layout changed, update the reader`);
  const rows: string[][] = [];
  let inTable = false;
  // The marker may be the header row itself ("| Release | ...") or a heading above the table.
  for (const line of lines.slice(lines[start].includes('|') ? start : start + 1)) {
    const isRow = line.includes('|');
    if (!isRow) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    rows.push(cells);
  }
  if (rows.length < 2) throw new Error(`${file}: the table after "${marker}" has no rows`);
  return rows.slice(1);
}

/** "1.35, 1.34, 1.33" or "v1.36, v1.35" → the lowest and highest minor. */
export function minorBounds(list: string, file: string): { min: string; max: string } {
  const minors = [...list.matchAll(/v?(\d+\.\d+)/g)].map((match) => match[1]);
  if (minors.length === 0) throw new Error(`${file}: expected Kubernetes versions, found "${list}"`);
  const sorted = minors.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  return { min: sorted[0], max: sorted.at(-1)! };
}
