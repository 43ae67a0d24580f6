// The page shell: one self-contained HTML file with the stylesheet and script inline.
import { escapeHtml } from './escape.js';
import { SCRIPT } from './script.js';
import { STYLES } from './styles.js';

export function htmlPage(title: string, subtitle: string, sections: readonly string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>
<main>
${sections.filter(Boolean).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
