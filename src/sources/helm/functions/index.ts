// Every function upshift's renderer knows, by name: Go's builtins, Sprig v3's whole set
// (less env and expandenv, which Helm removes), and Helm's own.
import type { TemplateFunction } from '../execute.js';
import { builtins } from './builtins.js';
import { collections } from './collections.js';
import { crypto } from './crypto.js';
import { dates } from './dates.js';
import { encoding } from './encoding.js';
import { helm } from './helm.js';
import { logic } from './logic.js';
import { numbers } from './numbers.js';
import { paths } from './paths.js';
import { semver } from './semver.js';
import { strings } from './strings.js';

export const FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map(
  Object.entries({ ...builtins, ...strings, ...logic, ...numbers, ...collections, ...encoding, ...crypto, ...dates, ...paths, ...semver, ...helm }),
);

/** Evaluated by the executor itself, because they short-circuit. */
export const LAZY_FUNCTIONS: ReadonlySet<string> = new Set(['and', 'or']);
