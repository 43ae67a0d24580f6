// Every function upshift's renderer knows, by name: Go's builtins, the Sprig functions
// charts use most, and Helm's own.
import type { TemplateFunction } from '../execute.js';
import { builtins } from './builtins.js';
import { collections } from './collections.js';
import { encoding } from './encoding.js';
import { helm } from './helm.js';
import { logic } from './logic.js';
import { numbers } from './numbers.js';
import { semver } from './semver.js';
import { strings } from './strings.js';

export const FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map(
  Object.entries({ ...builtins, ...strings, ...logic, ...numbers, ...collections, ...encoding, ...semver, ...helm }),
);

/** Evaluated by the executor itself, because they short-circuit. */
export const LAZY_FUNCTIONS: ReadonlySet<string> = new Set(['and', 'or']);
