// Sprig's semverCompare and semver (Masterminds/semver constraints, read with npm semver).
import { Range, SemVer } from 'semver';
import { FunctionError, type TemplateFunction } from '../execute.js';
import { arity, text } from './arguments.js';

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
    return new Range(value.replace(/,/g, ' ').replace(/\bv(\d)/g, '$1'), { loose: true, includePrerelease: /-/.test(value) });
  } catch {
    throw new FunctionError(`improper constraint: ${value}`);
  }
}

export const semver: Record<string, TemplateFunction> = {
  semverCompare: (args) => {
    arity('semverCompare', args, 2);
    return parseConstraint(text(args[0])).test(parseVersion(text(args[1])));
  },
  semver: (args) => {
    arity('semver', args, 1);
    const version = parseVersion(text(args[0]));
    return { Major: version.major, Minor: version.minor, Patch: version.patch, Prerelease: version.prerelease.join('.'), Original: text(args[0]) };
  },
};
