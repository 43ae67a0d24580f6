// The `yaml` library, loaded on first use rather than when a module imports it: the worker
// threads that read manifest files (manifest-file-worker.ts) need it only for the documents
// the fast decoder leaves to the full parser, or for eksctl and CloudFormation files, and
// start much faster without it.
import { createRequire } from 'node:module';

type YamlLibrary = typeof import('yaml');

let library: YamlLibrary | undefined;

export function yamlLibrary(): YamlLibrary {
  return (library ??= createRequire(import.meta.url)('yaml') as YamlLibrary);
}
