// How reports and findings print a file path: relative to the working directory when the file is
// under it, as given otherwise (../../../etc/x reads worse and breaks when the report is read
// elsewhere); always with forward slashes.
import { sep } from 'node:path';

export function displayPath(path: string, cwd: string | undefined): string {
  let shown = path;
  if (cwd !== undefined) {
    const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
    if (path.startsWith(prefix)) shown = path.slice(prefix.length) || '.';
    else if (path === cwd) shown = '.';
  }
  // Sorting calls this for every comparison: skip the split where paths already use '/'.
  return sep === '/' ? shown : shown.split(sep).join('/');
}
