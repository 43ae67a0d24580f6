// Sprig's semverCompare and semver (Masterminds/semver constraints, read with npm semver).
import { Range, SemVer } from 'semver';
import { FunctionError, type TemplateFunction } from '../execute.js';
import { arity, text } from './arguments.js';
import { GO_STRING } from '../go-values.js';

function parseVersion(value: string): SemVer {
  try {
    return new SemVer(value.trim().replace(/^v/, ''), { loose: true });
  } catch {
    throw new FunctionError(`Invalid Semantic Version: ${value}`);
  }
}

/** Masterminds separates AND terms with commas; a "-0" style prerelease in a term admits prereleases. */
function parseConstraint(value: string): Range {
  try {
    const normalized = value
      .replace(/,/g, ' ')
      .replace(/\bv(\d)/g, '$1')
      // npm semver needs all three numbers before a prerelease: 1.19-0 is 1.19.0-0.
      .replace(/(^|[^\d.])(\d+(?:\.\d+)?)(-[0-9A-Za-z.-]+)/g, (_match, before: string, numbers: string, prerelease: string) => `${before}${numbers}${'.0'.repeat(2 - (numbers.split('.').length - 1))}${prerelease}`);
    return new Range(normalized, { loose: true, includePrerelease: /-/.test(value) });
  } catch {
    throw new FunctionError(`improper constraint: ${value}`);
  }
}

// Charts test the same constraint against the same version in many templates and every
// environment; parsing them is most of the cost, and the parsed forms are never modified.
const answers = new Map<string, boolean>();
const ANSWER_CACHE_LIMIT = 10_000;

/** Whether `version` meets a Masterminds-style `constraint`; a FunctionError when either is malformed. */
export function satisfiesConstraint(constraint: string, version: string): boolean {
  const key = `${constraint}\u0000${version}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = parseConstraint(constraint).test(parseVersion(version));
    if (answers.size >= ANSWER_CACHE_LIMIT) answers.clear();
    answers.set(key, answer);
  }
  return answer;
}

export const semver: Record<string, TemplateFunction> = {
  semverCompare: (args) => (arity('semverCompare', args, 2), satisfiesConstraint(text(args[0]), text(args[1]))),
  semver: (args) => {
    arity('semver', args, 1);
    const version = parseVersion(text(args[0]));
    // A Masterminds Version: its parts are methods, and it prints as its String().
    const original = text(args[0]);
    return {
      Major: () => BigInt(version.major),
      Minor: () => BigInt(version.minor),
      Patch: () => BigInt(version.patch),
      Prerelease: () => version.prerelease.join('.'),
      Metadata: () => version.build.join('.'),
      Original: () => original,
      String: () => version.version,
      [GO_STRING]: () => version.version,
    };
  },
};
