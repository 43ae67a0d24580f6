// The one interface every output format implements.

import type { Report } from '../core/types.js';
import type { Inventory } from '../core/inventory.js';
import type { Knowledge } from '../knowledge/load.js';

export interface ReportOptions {
  /** ANSI colours; only table and wide use it, and the caller decides (TTY, NO_COLOR). */
  color?: boolean;
  /** The terminal's width when output goes to one: the table fits it (100 columns otherwise); wide rows wider than it put their message on lines of its own. */
  width?: number;
  /** Absolute file paths in origins are printed relative to this directory. */
  cwd?: string;
  /** For the HTML report's support timeline; the bundled knowledge when absent. */
  knowledge?: Knowledge;
  /** For the HTML report: environments found by the scan. */
  inventory?: Inventory;
  /** For the HTML report: the date marked as today (YYYY-MM-DD). */
  today?: string;
}

export type Reporter = (report: Report, options: ReportOptions) => string;

/**
 * A format's output as pieces, in order; joined, they are what its Reporter returns. The CLI
 * writes them as they come: a report of tens of thousands of findings made into one string
 * (and the Buffer that writing it copies it into) had taken more memory than the scan itself.
 */
export type ReportPieces = (report: Report, options: ReportOptions) => Iterable<string>;
