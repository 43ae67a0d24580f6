// Helm's .helmignore (pkg/ignore): which files of a chart directory helm leaves out of the
// chart. Always hidden files under templates/ ("templates/.?*"); then the chart's own rules,
// each a glob matched against the file's base name (a rule without a slash) or its path from
// the chart root (a rule with one), a trailing slash for directories only, a leading ! to
// take a file back. The last rule that matches decides.
import picomatch from 'picomatch';

interface Rule {
  negate: boolean;
  directoryOnly: boolean;
  byPath: boolean;
  match: (text: string) => boolean;
}

export type IgnoreTest = (path: string, isDirectory: boolean) => boolean;

export function helmIgnore(text: string | undefined): IgnoreTest {
  const rules = ['templates/.?*', ...(text ?? '').split(/\r?\n/)].flatMap((line): Rule[] => {
    let pattern = line.trim();
    if (!pattern || pattern.startsWith('#') || pattern.includes('**')) return [];
    const negate = pattern.startsWith('!');
    if (negate) pattern = pattern.slice(1);
    const directoryOnly = pattern.endsWith('/');
    if (directoryOnly) pattern = pattern.replace(/\/+$/, '');
    pattern = pattern.replace(/^\//, '');
    if (!pattern) return [];
    // Go's filepath.Match: * and ? never cross a slash, dot files are not special.
    const match = picomatch(pattern, { dot: true, nonegate: true, noextglob: true, nobrace: true, noglobstar: true });
    return [{ negate, directoryOnly, byPath: pattern.includes('/'), match }];
  });
  return (path, isDirectory) => {
    let ignored = false;
    const base = path.slice(path.lastIndexOf('/') + 1);
    for (const rule of rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.match(rule.byPath ? path : base)) ignored = !rule.negate;
    }
    return ignored;
  };
}
