// The HTML report in a real browser (Debian chromium, driven by playwright-core): it renders
// every section of a plan on the example estate, the findings filters work, and a screenshot
// is written to test/output/ for a person to look at.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUpshift } from './support/run-upshift.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = `${ROOT}test/output`;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping the browser test: ${CHROMIUM} is missing (apt-get install -y chromium)`);

async function planHtml(): Promise<string> {
  const run = await runUpshift(['plan', 'examples/estate/apps', 'examples/estate/platform', 'examples/estate/rendered', 'examples/estate/kustomize', '--current', '1.28', '--target', '1.30', '--start', '2026-11-23', '--simulation', 'test/fixtures/plan/simulation.json', '-o', 'html', '--fail-on', 'none']);
  if (run.code !== 0) throw new Error(`upshift plan exited with ${run.code}: ${run.stderr}`);
  return run.stdout;
}

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(`${OUTPUT}/plan.html`, await planHtml());
    url = pathToFileURL(`${OUTPUT}/plan.html`).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every section, filters findings, and takes a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const requests: string[] = [];
    page.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
    await page.goto(url);
    expect(await page.locator('main > section').evaluateAll((sections) => sections.map((section) => section.id))).toEqual(['timeline', 'strategies', 'schedule', 'runbook', 'rollout', 'findings', 'addons']);
    expect(await page.locator('#timeline rect.standard').count()).toBe(2);
    expect(await page.locator('#today').count()).toBe(1);
    expect(await page.locator('#strategies tr.recommended[data-strategy]').getAttribute('data-strategy')).toBe('cluster-migration');
    // Prepare, migrate, finish; the migration runs past one working day, so it is two bars.
    expect(await page.locator('#schedule rect.task').count()).toBe(4);
    // Add-ons no code pins (they are deployed from manifests) are installed by hand in the new cluster: a step each, and in the manual.
    expect(await page.locator('#runbook ol.steps > li').count()).toBe(16);
    expect(await page.locator('#runbook ul.manual > li').count()).toBeGreaterThan(0);

    const shown = page.locator('#shown-count');
    const total = Number(await shown.textContent());
    expect(total).toBe(await page.locator('.finding').count());
    await page.locator('input[data-filter-severity="error"]').uncheck();
    const withoutErrors = Number(await shown.textContent());
    expect(withoutErrors).toBe(await page.locator('.finding[data-severity="warning"], .finding[data-severity="info"]').count());
    expect(await page.locator('.severity-group[data-severity="error"]').isHidden()).toBe(true);
    await page.locator('input[data-filter-severity="error"]').check();
    await page.locator('#filter-id').selectOption('api-replacement-unavailable');
    expect(await shown.textContent()).toBe('3');
    await page.locator('#filter-id').selectOption('');
    await page.locator('#filter-text').fill('elasticsearch');
    // api-removed, nodegroup-pinned and zonal-volume, all on the one StatefulSet.
    expect(await shown.textContent()).toBe('3');
    // One group per severity: the error, the warning and the info finding.
    expect(await page.locator('.resource:not(.hidden) summary').allTextContents()).toEqual(
      Array(3).fill('StatefulSet search/elasticsearchexamples/estate/apps/search/elasticsearch.yaml:24'),
    );
    await page.locator('#filter-text').fill('');

    await page.screenshot({ path: `${OUTPUT}/plan.png`, fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 60_000);
});
