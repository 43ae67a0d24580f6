// Helm's .Files: the chart's non-template files by path (what `range .Files.Glob` walks),
// with helm's methods Get, GetBytes, Glob, Lines, AsConfig and AsSecrets.
import picomatch from 'picomatch';
import { goYaml } from './go-yaml.js';

export class ChartFiles {
  [path: string]: unknown;

  constructor(entries: Iterable<[string, string]>) {
    for (const [path, text] of entries) this[path] = text;
  }

  Get(name: unknown): string {
    return typeof name === 'string' && typeof this[name] === 'string' ? (this[name] as string) : '';
  }

  GetBytes(name: unknown): string {
    return this.Get(name);
  }

  /** gobwas/glob with '/' as separator: `*` stays within a directory, `**` crosses them. */
  Glob(pattern: unknown): ChartFiles {
    const matches = picomatch(typeof pattern === 'string' ? pattern : '', { dot: true });
    return new ChartFiles(this.entries().filter(([path]) => matches(path)));
  }

  Lines(name: unknown): string[] {
    const text = this.Get(name);
    if (text === '') return [];
    return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  }

  /** The files as a ConfigMap's data: base name to text, as YAML. */
  AsConfig(): string {
    return goYaml(Object.fromEntries(this.entries().map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text])));
  }

  /** The files as a Secret's data: base name to base64 text, as YAML. */
  AsSecrets(): string {
    return goYaml(Object.fromEntries(this.entries().map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), Buffer.from(text).toString('base64')])));
  }

  private entries(): [string, string][] {
    return Object.keys(this).map((path) => [path, this[path] as string]);
  }
}
