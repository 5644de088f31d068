/**
 * Opens the report in headless Chromium (Debian's package, driven by playwright-core) and checks
 * that it renders without console errors or network requests, and that the tables in the page
 * hold the numbers of the JSON inputs.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureInputs } from './__fixtures__/inputs.js';
import { buildReport } from './build-report.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const haveChromium = existsSync(CHROMIUM_PATH);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM_PATH} is missing, and CI must run the report's browser test (.ci/run installs Debian's chromium)`);
if (!haveChromium) console.warn(`SKIPPED the report's browser test: ${CHROMIUM_PATH} not found (install Debian's 'chromium' package; in CI it is required)`);

describe.skipIf(!haveChromium)('report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    dir = mkdtempSync(join(tmpdir(), 'report-render-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders with no console error and shows the JSON numbers', async () => {
    const inputs = fixtureInputs();
    const file = join(dir, 'index.html');
    writeFileSync(file, buildReport(inputs).html);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });

    const cells = (id: string) => page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const asPct = (f: number) => `${(f * 100).toFixed(2)}%`;

    // Table 3, row "1 model, 1 crop" and row "7 models, 144 crops": our numbers come from the JSON.
    const t3 = await cells('table3');
    const single = inputs.evaluation.find((r) => r.models === 1 && r.crops === 1)!;
    expect(t3[0]).toEqual(['1', '1', '1', '10.07%', '1', '1', asPct(single.top5Error), asPct(single.top1Error)]);
    const ens = inputs.evaluation.find((r) => r.models === 3 && r.crops === 144 && r.pooling === 'mean')!;
    expect(t3[5]!.slice(4)).toEqual(['3', String(ens.cost), asPct(ens.top5Error), asPct(ens.top1Error)]);

    // Every evaluation we ran is listed with its errors.
    const runs = await cells('evaluation-runs');
    expect(runs.map((r) => [r[4], r[5]])).toEqual(inputs.evaluation.map((r) => [asPct(r.top1Error), asPct(r.top5Error)]));

    // Table 1: our exact parameter counts.
    const t1 = await cells('table1');
    expect(t1.map((r) => r[2])).toEqual([...inputs.summary!.rows.map((r) => r.params.toLocaleString('en-US')), inputs.summary!.totals.params.toLocaleString('en-US')]);

    // Tables 4 and 5 end with our mAP.
    expect((await cells('table4')).at(-1)?.[3]).toBe(asPct(inputs.detection!.mAP));
    expect((await cells('table5')).at(-1)?.[1]).toBe(asPct(inputs.detection!.mAP));

    // Charts and the detections grid are there: 4 training charts + 1 recall chart + 1 example.
    expect(await page.locator('svg.chart').count()).toBe(5);
    expect(await page.locator('svg.example rect.detection').count()).toBe(1);
    expect(await page.locator('.headline').textContent()).toContain(`top-1 error ${asPct(0.2)}`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
