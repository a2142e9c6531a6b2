import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Browser tests run wherever Chromium is installed, and always in CI (CI=true): there a missing browser fails the
 * launch instead of skipping the test (.ci/run installs Debian's chromium).
 */
export const RUN_BROWSER_TESTS = existsSync(CHROMIUM) || process.env.CI === 'true';

/** Screenshots kept as test output (gitignored). */
export const SCREENSHOT_DIR = path.resolve('test-output/console');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

const AXE_SOURCE = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.x A/AA rules on the page as it is now; fails on serious or critical violations. Evaluated
 * through the DevTools protocol, so the page's CSP (script-src 'self') does not block the injected engine.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  // A string expression: this file is type-checked without the DOM library.
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe on ${what}`).toEqual([]);
}

/** The page fits its viewport's width: nothing needs a horizontal scroll. */
export async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const { scroll, client } = (await page.evaluate(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  )) as { scroll: number; client: number };
  expect(scroll, `${what} is ${scroll}px wide in a ${client}px window`).toBeLessThanOrEqual(client);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** What a console test records of every page it opens: each requested URL, and script errors or CSP reports. */
export interface ConsoleRecorder {
  requests: string[];
  problems: string[];
}

export function consoleRecorder(): ConsoleRecorder {
  return { requests: [], problems: [] };
}

/**
 * A fresh browser context at the narrowest supported width (1024 px) on the console, signed in with `key` (or at
 * the sign-in page with null). Every request and every page or console error lands in `rec`.
 */
export async function openConsole(browser: Browser, hubUrl: string, key: string | null, rec: ConsoleRecorder): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  context.on('request', (r) => rec.requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => rec.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') rec.problems.push(`console: ${m.text()}`);
  });
  if (key) {
    await page.goto(`${hubUrl}/console/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
  }
  return { context, page };
}

/** A page as the console promises it: axe finds nothing serious, nothing scrolls sideways; its screenshot is kept. */
export async function checkConsolePage(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await expectNoHorizontalScroll(page, name);
  await screenshot(page, name);
}

/** Every request went to the hub's own origin. */
export function externalRequests(rec: ConsoleRecorder, hubUrl: string): string[] {
  const origin = new URL(hubUrl).origin;
  return rec.requests.filter((u) => new URL(u).origin !== origin);
}

/** The section is at the top of the window, or as near as the page's height allows (scrolled to its end). */
export async function scrolledToSection(page: Page, id: string): Promise<boolean> {
  return (await page.evaluate(`(() => {
    const top = document.getElementById(${JSON.stringify(id)}).getBoundingClientRect().top;
    const atEnd = window.scrollY >= document.documentElement.scrollHeight - window.innerHeight - 2;
    return top >= 0 && top < window.innerHeight && (top < 40 || atEnd);
  })()`)) as boolean;
}
