import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsolePage, consoleRecorder, externalRequests, launchChromium, openConsole, RUN_BROWSER_TESTS } from './support/browser';
import { type DemoTestStack, startDemoTestStack } from './support/demo-harness';
import { eventually } from './support/demo-helpers';

/**
 * The steward console in Chromium against the hub with the demo systems (examples/hub.config.yaml: A > B), at the
 * narrowest supported width (1024 px). Every request the pages make is recorded; every page is checked with axe.
 */
describe.skipIf(!RUN_BROWSER_TESTS)('steward console in a real browser, with the demo systems', () => {
  let s: DemoTestStack;
  let browser: Browser;
  let stewardKey: string;
  let viewerKey: string;
  const rec = consoleRecorder();
  const { problems } = rec;
  // A's first names lose to nobody (A > B); B's are the ones a steward will choose.
  const people = [
    { email: 'ann@example.com', a: 'Ann', b: 'Anna' },
    { email: 'bob@example.com', a: 'Bob', b: 'Robert' },
  ];
  const aIds: Record<string, string> = {};

  beforeAll(async () => {
    s = await startDemoTestStack('sysc_console_browser');
    const issue = async (name: string, role: string) => (await s.hub.request('POST', '/api/api-keys', { name, role })).body.key as string;
    stewardKey = await issue('stella', 'steward');
    viewerKey = await issue('victor', 'viewer');
    // As `npm run demo` does: the same person entered in A and in B before they sync, under other first names.
    for (const p of people) {
      const created = await s.A.edit({ entity: 'contacts', action: 'create', data: { firstName: p.a, lastName: 'Lee', email: p.email } });
      aIds[p.email] = String(created.id);
      await s.B.edit({ entity: 'customers', action: 'create', data: { first_name: p.b, last_name: 'Lee', email_address: p.email, state: 'A' } });
    }
    await s.waitForIdle();
    browser = await launchChromium();
  });
  afterAll(async () => {
    // UPDATE_README_SCREENSHOT=1: the inbox screenshot this run took becomes the README's
    if (process.env.UPDATE_README_SCREENSHOT === '1') {
      mkdirSync(path.resolve('docs/images'), { recursive: true });
      copyFileSync(path.resolve('test-output/console/conflict-inbox.png'), path.resolve('docs/images/console-conflict-inbox.png'));
    }
    await browser?.close();
    await s?.stop();
  });

  const openPage = (key: string | null): Promise<{ context: BrowserContext; page: Page }> => openConsole(browser, s.stack.hubUrl, key, rec);
  const check = checkConsolePage;

  const conflictRows = (page: Page) => page.locator('table.conflicts tbody tr[data-conflict-id]');

  it('asks for a key, refuses a wrong one, and signs a steward in', async () => {
    const { context, page } = await openPage(null);
    await page.goto(`${s.stack.hubUrl}/console/conflicts`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await check(page, 'sign-in');
    await page.getByLabel('API key').fill('mdh_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('API_KEY_INVALID');
    // the refused key answered 401: the browser logs that, and it is expected here
    problems.splice(0);
    await page.getByLabel('API key').fill(stewardKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Conflict inbox' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('mdh.console.apiKey')")).toBe(stewardKey);
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('stella');
    await context.close();
  });

  it('a steward bulk-resolves two conflicts with the keyboard, and the demo systems receive the values', async () => {
    const { context, page } = await openPage(stewardKey);
    await check(page, 'home');
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Conflict inbox' }).click();
    await page.getByRole('heading', { name: 'Conflict inbox' }).waitFor();
    // the demo's precedence decided these; the steward overturns them
    await page.getByRole('group', { name: 'Status' }).getByLabel('Decided by a rule').check();
    await page.getByRole('group', { name: 'Field' }).getByLabel('firstName').check();
    await expect.poll(() => conflictRows(page).count()).toBe(2);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('2 conflicts');
    expect(page.url()).toContain('status=auto_resolved');
    expect(page.url()).toContain('field=firstName');
    // the counts per filter: two firstName conflicts among the rule-decided ones
    expect(await page.getByRole('group', { name: 'Field' }).getByText('firstName').locator('..').textContent()).toContain('2');

    // keyboard: j goes to the first row, Enter opens its values side by side
    await page.locator('main').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    const detail = page.locator('tr.detail');
    await detail.waitFor();
    expect(await detail.getByRole('listitem').count()).toBe(2);
    expect(await detail.textContent()).toMatch(/Anna|Robert/);
    await check(page, 'conflict-inbox');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    // x selects the first, j then x the second
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect.poll(() => page.getByRole('group', { name: 'Bulk resolution' }).textContent()).toContain('2 selected');
    await page.getByLabel('Take the value of').selectOption('B');
    await page.getByRole('button', { name: 'Resolve 2 selected' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Bulk resolution' }).getByRole('status').textContent()).toContain('2 resolved.');
    await expect.poll(() => conflictRows(page).count()).toBe(0);

    // System A now holds B's first names; B kept its own
    for (const p of people) {
      await eventually(async () => {
        expect((await s.A.get('contacts', aIds[p.email]))?.firstName).toBe(p.b);
      });
    }
    // B's own value comes back to it too (it held A's value since the conflict), and B holds the person once
    await eventually(async () => {
      const customers = await s.B.find('customers', { email_address: people[0].email });
      expect(customers.map((c) => c.first_name)).toEqual([people[0].b]);
    });
    // the resolved conflicts are listed as resolved by the steward
    await page.getByRole('group', { name: 'Status' }).getByLabel('Resolved by a steward').check();
    await expect.poll(() => conflictRows(page).count()).toBe(2);
    await context.close();
  });

  it('a steward finds a record, reads its lineage and history, rolls it back from the timeline, pins and unpins a field', async () => {
    const { context, page } = await openPage(stewardKey);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Golden records' }).click();
    await page.getByLabel('Name, e-mail or source id').fill('ANN@EXA');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: /Anna Lee/ }).click();
    await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    await check(page, 'golden-record');

    const golden = (await s.hub.bySource('A', 'contact', aIds[people[0].email]))!;
    // lineage: firstName pinned by the steward, the values of A and B side by side
    const firstNameRow = page.locator('table.fields tr[data-field="firstName"]');
    expect(await firstNameRow.textContent()).toContain('pinned');
    expect(await page.locator('table.sources thead').textContent()).toMatch(/CRM.*ERP/s);

    // roll back to the version before the steward's resolution
    const versions = (await s.hub.request('GET', `/api/golden-records/contact/${golden.id}/versions?first=500`)).body.items as { version: number; cause: { action?: string } }[];
    const resolvedAt = versions.find((v) => v.cause.action === 'conflict.resolve')!.version;
    await page.getByRole('button', { name: `Roll back to version ${resolvedAt - 1}` }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Rolled back' }).count()).toBe(1);
    await expect.poll(async () => (await s.hub.bySource('A', 'contact', aIds[people[0].email]))!.data.firstName).toBe(people[0].a);
    await page.locator(`.timeline li[data-version="${golden.version + 1}"]`).waitFor();
    expect(await page.locator(`.timeline li[data-version="${golden.version + 1}"]`).textContent()).toContain(`rollback to version ${resolvedAt - 1}`);
    await eventually(async () => {
      expect((await s.A.get('contacts', aIds[people[0].email]))?.firstName).toBe(people[0].a);
    });

    // pin a value (it reaches A), then unpin it (the sources decide again)
    await page.getByRole('button', { name: 'Pin lastName' }).click();
    await page.getByLabel('Pinned value of lastName (string)').fill('Leigh');
    await page.getByRole('button', { name: 'Pin', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'lastName pinned.' }).count()).toBe(1);
    await expect.poll(() => page.locator('table.fields tr[data-field="lastName"]').textContent()).toContain('pinned');
    await eventually(async () => {
      expect((await s.A.get('contacts', aIds[people[0].email]))?.lastName).toBe('Leigh');
    });
    await page.getByRole('button', { name: 'Unpin lastName' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'lastName unpinned' }).count()).toBe(1);
    // the systems hold the pinned value by now, so the sources keep it, but no longer as a steward's pin
    await expect.poll(() => page.locator('table.fields tr[data-field="lastName"]').textContent()).not.toContain('pinned');
    const lineage = (await s.hub.bySource('A', 'contact', aIds[people[0].email]))!.lineage.find((l) => l.field === 'lastName');
    expect(lineage).toMatchObject({ value: 'Leigh', rule: expect.not.stringMatching(/^override$/) });
    expect(['A', 'B']).toContain(lineage?.system);

    // as-of view of the first version
    await page.locator('.timeline li[data-version="1"]').getByRole('button', { name: 'View as of this time' }).click();
    // versions written in one batch share their time: the one in force then is the highest of them
    await expect.poll(() => page.getByRole('region', { name: 'Record as of a time' }).textContent()).toMatch(/: version \d+\..*firstName/);
    await check(page, 'golden-record-history');
    await context.close();
  });

  it('a viewer sees no action, and a forged mutation with the viewer key is refused by the API', async () => {
    const { context, page } = await openPage(viewerKey);
    await page.goto(`${s.stack.hubUrl}/console/conflicts?status=any`);
    await expect.poll(() => conflictRows(page).count()).toBeGreaterThan(0);
    await page.locator('main').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.locator('tr.detail').waitFor();
    await check(page, 'conflict-inbox-viewer');
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Resolve|Keep/ }).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Bulk resolution' }).count()).toBe(0);

    const golden = (await s.hub.bySource('A', 'contact', aIds[people[1].email]))!;
    await page.goto(`${s.stack.hubUrl}/console/golden-records/${golden.id}`);
    await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    await check(page, 'golden-record-viewer');
    expect(await page.getByRole('button', { name: /Roll back|Pin|Unpin|Unmerge|Merge|Restore/ }).count()).toBe(0);

    // the console hides the buttons; the API is what refuses
    const before = (await s.hub.request('GET', '/api/conflicts')).body.items[0] as { id: string; status: string; resolvedAt: string | null };
    const conflictId = before.id;
    const forged = await page.evaluate(async ({ key, id, goldenId }) => {
      const post = async (query: string, variables: unknown) => (await fetch('/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }),
      })).json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>;
      return [
        await post('mutation($items: [ConflictResolutionInput!]!) { resolveConflicts(items: $items) { ok } }', { items: [{ id, system: 'B' }] }),
        await post('mutation($id: ID!) { rollbackGoldenRecord(id: $id, toVersion: 1) { version } }', { id: goldenId }),
      ].map((r) => r.errors?.[0]?.extensions?.code);
    }, { key: viewerKey, id: conflictId, goldenId: golden.id });
    expect(forged).toEqual(['ROLE_FORBIDDEN', 'ROLE_FORBIDDEN']);
    expect((await s.hub.request('GET', `/api/conflicts/${conflictId}`)).body).toMatchObject({ status: before.status, resolvedAt: before.resolvedAt });
    expect((await s.hub.bySource('A', 'contact', aIds[people[1].email]))!.version).toBe(golden.version);
    await context.close();
  });

  it('every page requested only the hub\'s own origin, with no script error or CSP violation', async () => {
    expect(rec.requests.length).toBeGreaterThan(10);
    expect(externalRequests(rec, s.stack.hubUrl)).toEqual([]);
    expect(problems).toEqual([]);
  });

});
