// What a schema problem means, in words a user can act on. zod/mini ships no English messages:
// a problem without a message of ours reads "Invalid input" whatever went wrong (a field
// missing, an unknown key, a wrong value), so say what was expected instead.
import type * as z from 'zod/mini';

const DEFAULT_MESSAGE = 'Invalid input';

export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.message !== DEFAULT_MESSAGE) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'record' ? 'object' : issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? 'expected a non-empty string' : `expected ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'invalid_union':
      return 'matches none of the allowed forms';
    default:
      return issue.message;
  }
}

/** "spec.replicas: expected number", with `root` naming the whole value when the path is empty. */
export function locateIssue(issue: z.core.$ZodIssue, root = '(top level)'): string {
  return `${issue.path.map(String).join('.') || root}: ${describeIssue(issue)}`;
}
