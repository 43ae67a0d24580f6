// `npm start` builds dist/ first when it is missing or older than a source file.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { globSync } from 'tinyglobby';

// The bundle is what the build writes last.
const built = 'dist/bundle/main.js';
const newestSource = Math.max(...globSync(['src/**/*.ts', 'package.json']).map((file) => statSync(file).mtimeMs));
if (!existsSync(built) || statSync(built).mtimeMs < newestSource) {
  execSync('npm run build --silent', { stdio: 'inherit' });
}
