import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { indentQuotedContinuations } from './quoted-continuations.js';

describe('indentQuotedContinuations', () => {
  it('indents the continuation lines of a quoted scalar under its key, so the value reads as go-yaml reads it', () => {
    const text = 'data:\n  walk: "files/a.conf=alpha\nbeta;files/b.conf=b: 1;"\n  lines: "[alpha beta]"\n';
    expect(parseDocument(text, { version: '1.1' }).errors.length).toBeGreaterThan(0);
    const fixed = indentQuotedContinuations(text);
    expect(fixed).toBe('data:\n  walk: "files/a.conf=alpha\n    beta;files/b.conf=b: 1;"\n  lines: "[alpha beta]"\n');
    expect(parseDocument(fixed, { version: '1.1' }).toJS()).toEqual({ data: { walk: 'files/a.conf=alpha beta;files/b.conf=b: 1;', lines: '[alpha beta]' } });
  });

  it('follows escapes and doubled single quotes, and leaves one-line and block scalars alone', () => {
    const text = "a: 'it''s\nb'\nc: \"q\\\"\nd\"\nlist:\n- \"x\ny\"\nblock: |\n  \"not a scalar start\n";
    expect(indentQuotedContinuations(text)).toBe("a: 'it''s\n  b'\nc: \"q\\\"\n  d\"\nlist:\n- \"x\n  y\"\nblock: |\n  \"not a scalar start\n");
  });
});
