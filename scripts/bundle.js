// `npm run build`, after the compiler: bundles the command line (dist/cli/main.js), the library
// (dist/index.js) and the manifest-reading worker into dist/bundle/, what bin/upshift.js runs and
// what the package exports. Node's module loader resolves, reads and compiles each of the ~480
// files a scan loads one by one: loading them took 0.23 s of the 0.37 s `upshift check` of one
// manifest took, and 0.08 s as one bundle (2026-12-07). The bundled library also scanned the bench
// estate faster: 1.626 s against 1.704 s (runCheck, medians of 11 interleaved runs; 1.750 against
// 1.874 s in 9 more), a worker thread starting without loading ~60 modules. Each command's code
// stays a chunk of its own, loaded when the command runs (splitting), so `upshift --version` still
// loads no scanner. The compiler's output stays beside it for the type declarations and the
// scripts that import single modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const OUT = 'dist/bundle';

rmSync(OUT, { recursive: true, force: true });
await build({
  // The entries land in the same folder as their chunks, at dist/bundle/NAME.js: the paths the
  // code finds beside itself (new URL(..., import.meta.url)) are written for a module one folder
  // below dist/, and manifest-files.ts finds the worker as ./manifest-file-worker.js.
  entryPoints: ['dist/cli/main.js', 'dist/index.js', 'dist/sources/manifest-file-worker.js'],
  outdir: OUT,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Kept as the packages they are: the Kubernetes and AWS clients are large and loaded only by
  // the commands that call them; tree-sitter finds its .wasm files beside its own modules; and
  // yaml is also loaded with require() (sources/yaml-library.ts), which must find the same copy.
  external: ['@kubernetes/client-node', '@aws-sdk/client-eks', 'web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl', 'yaml'],
  // Bundled CommonJS packages (semver, commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
});
