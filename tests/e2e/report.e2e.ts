// The HTML report, made by the command line for the support template with a 10,000-item batch, opened
// in Chromium from disk: no request leaves the page, the diagram shows, the "fit" switch works, and
// it prints to PDF. Screenshots go to /tmp/fg-shots/report*.png to be looked at.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPO_ROOT } from '../../cli/repo';
import { runCli } from '../support/run-cli';
import { launchChromium } from './support/browser';

const SHOTS = '/tmp/fg-shots';
const tmp = mkdtempSync(join(tmpdir(), 'flowgate-report-e2e-'));
const reportFile = join(tmp, 'report.html');
let browser: Browser;

beforeAll(async () => {
  const { code, stderr } = await runCli(
    ['report', 'resources/templates/support-ticket-triage.flowgate.json', '--runs', '10000', '--seed', '1', '--ai-unsure', '0.05', '--connector-failure', '0.01', '--sla', '240', '--out', reportFile],
    { cwd: REPO_ROOT },
  );
  expect(code, stderr).toBe(0);
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('the HTML report opens offline: no request, the diagram visible, printable', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1500 } });
  const page = await context.newPage();
  const url = pathToFileURL(reportFile).href;
  const requests: string[] = [];
  const refused: string[] = [];
  const problems: string[] = [];
  // Every request the page makes passes here: the report itself may load, anything else is refused.
  await context.route('**/*', (route) => {
    const wanted = route.request().url();
    requests.push(wanted);
    if (wanted === url) return route.continue();
    refused.push(wanted);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  expect(requests).toEqual([url]);
  expect(refused).toEqual([]);
  expect(problems).toEqual([]);

  await expect.poll(() => page.title()).toBe('Support ticket triage: readiness report');
  const diagram = page.locator('figure#workflow svg');
  expect(await diagram.isVisible()).toBe(true);
  expect(await diagram.locator('g.node').count()).toBe(16);
  const box = (await diagram.boundingBox())!;
  expect(box.width).toBeGreaterThan(600);
  expect(box.height).toBeGreaterThan(150);
  // The step labels are drawn as text, legible in the picture.
  expect(await diagram.locator('g.node', { hasText: 'Supervisor approves reply' }).count()).toBe(1);
  expect(await page.locator('figure#heat svg').isVisible()).toBe(true);
  expect(await page.locator('#batch .chart svg').count()).toBe(4);
  expect(await page.locator('#checklists tr').count()).toBe(16);

  await page.screenshot({ path: join(SHOTS, 'report.png') });
  await page.locator('#batch').scrollIntoViewIfNeeded();
  await page.locator('#batch').screenshot({ path: join(SHOTS, 'report-batch.png') });
  await page.screenshot({ path: join(SHOTS, 'report-full.png'), fullPage: true });

  // Fitted to the page by default, the whole process at once; "Show at readable size" enlarges it, without a script.
  const container = page.locator('figure#workflow .scroll');
  const inner = await container.evaluate((el) => el.clientWidth);
  expect(box.width).toBeLessThanOrEqual(inner);
  await page.locator('figure#workflow').screenshot({ path: join(SHOTS, 'report-diagram.png') });
  await page.locator('label[for="workflow-zoom"]').click();
  const readable = (await diagram.boundingBox())!;
  expect(readable.width).toBeGreaterThan(box.width * 1.5);
  expect(await container.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await page.locator('label[for="workflow-zoom"]').click();

  // It prints, as the desktop app's printToPDF would.
  const pdf = join(tmp, 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  expect(statSync(pdf).size).toBeGreaterThan(20_000);
  expect(refused).toEqual([]);
  await context.close();
});
