// The `yaml` library, loaded on first use rather than when a module imports it: most scans
// never need it (the fast decoder reads plain documents, the knowledge comes validated from
// dist/knowledge-bundle.json), and loading its 84 files took 0.04-0.05 s of every command
// (2026-12-07); the worker threads that read manifest files (manifest-file-worker.ts) also start
// much faster without it. So every module that parses or writes YAML takes it from here; the
// command-line bundle keeps it a package of its own (scripts/bundle.js), so this is the one copy.
import { createRequire } from 'node:module';

type YamlLibrary = typeof import('yaml');

let library: YamlLibrary | undefined;

export function yamlLibrary(): YamlLibrary {
  return (library ??= createRequire(import.meta.url)('yaml') as YamlLibrary);
}
