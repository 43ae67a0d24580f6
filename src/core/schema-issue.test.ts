import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { describeIssue } from './schema-issue.js';

function firstIssue(schema: z.ZodMiniType, data: unknown): string {
  const result = z.safeParse(schema, data);
  if (result.success) return 'valid';
  return describeIssue(result.error.issues[0]);
}

describe('describeIssue', () => {
  it('says what was expected where zod/mini only says "Invalid input"', () => {
    expect(firstIssue(z.strictObject({ name: z.string() }), {})).toBe('expected string');
    expect(firstIssue(z.strictObject({ name: z.string() }), { name: 'a', nmae: 'b' })).toBe('unknown key nmae');
    expect(firstIssue(z.enum(['error', 'warning']), 'fatal')).toBe('expected "error", "warning"');
    expect(firstIssue(z.string().check(z.minLength(1)), '')).toBe('expected a non-empty string');
    expect(firstIssue(z.int().check(z.positive()), 0)).toBe('expected more than 0');
    expect(firstIssue(z.union([z.string(), z.number()]), true)).toBe('matches none of the allowed forms');
  });

  it('keeps a message the schema gives', () => {
    expect(firstIssue(z.string().check(z.regex(/^\d+\.\d+$/, 'expected a version such as "1.28"')), 'x')).toBe('expected a version such as "1.28"');
  });
});
