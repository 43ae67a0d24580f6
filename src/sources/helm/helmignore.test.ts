// .helmignore as helm's pkg/ignore reads it.
import { describe, expect, it } from 'vitest';
import { helmIgnore } from './helmignore.js';

describe('helmIgnore', () => {
  it('always leaves out hidden files under templates/', () => {
    const ignored = helmIgnore(undefined);
    expect(ignored('templates/.helmignore', false)).toBe(true);
    expect(ignored('templates/deployment.yaml', false)).toBe(false);
    expect(ignored('.helmignore', false)).toBe(false);
  });

  it('matches base names without a slash, paths with one, folders with a trailing slash, and takes files back with !', () => {
    const ignored = helmIgnore('# comment\n*.tmp\n/docs/*.md\nci/\n*.bak\n!keep.bak\n**/never\n');
    expect(ignored('a/b/x.tmp', false)).toBe(true);
    expect(ignored('docs/readme.md', false)).toBe(true);
    expect(ignored('other/docs/readme.md', false)).toBe(false);
    expect(ignored('ci', true)).toBe(true);
    expect(ignored('ci', false)).toBe(false);
    expect(ignored('old.bak', false)).toBe(true);
    expect(ignored('keep.bak', false)).toBe(false);
    expect(ignored('a/never', false)).toBe(false);
  });
});
