// The tool's own name and version, as reports print them.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const TOOL = { name: 'upshift', version: manifest.version } as const;
