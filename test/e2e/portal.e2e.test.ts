import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './harness/chromium';
import { screenshotDir } from './harness/paths';
import { guestToken, Portal, startPortal } from './harness/portal';

// Ports of their own, so a portal a developer runs on 3000/7007 is untouched.
const APP_PORT = 3100;
const BACKEND_PORT = 7100;
const DEMO_TITLE = 'Newly activated patients were not registered by the clinical engine';
const OVERDUE_ACTION = 'Better monitoring of the clinical engine';

describe('the portal with the capa plugins', { timeout: 900_000 }, () => {
  let portal: Portal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;

  before(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    portal = await startPortal({ appPort: APP_PORT, backendPort: BACKEND_PORT });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    token = await guestToken(portal.backendUrl);
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  async function screenshot(name: string, target: Page = page) {
    await target.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  }

  async function api<T>(pathAndQuery: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`${portal.backendUrl}/api/capa${pathAndQuery}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
    });
    assert.ok(response.ok, `${pathAndQuery}: ${response.status} ${await response.clone().text()}`);
    return (await response.json()) as T;
  }

  async function signIn(target: Page, url: string) {
    await target.goto(url);
    await target.getByRole('button', { name: 'Enter' }).click();
  }

  async function capaIdOf(key: string): Promise<string> {
    const page100 = await api<{ items: Array<{ id: string; key: string }> }>('/capas?owner=mine&limit=100');
    const all = await api<{ items: Array<{ id: string; key: string }> }>('/capas?limit=100');
    const found = [...page100.items, ...all.items].find(c => c.key === key);
    assert.ok(found, `${key} exists`);
    return found.id;
  }

  it('refuses the capa API without sign-in', async () => {
    assert.equal((await fetch(`${portal.backendUrl}/api/capa/health`)).status, 200);
    assert.equal((await fetch(`${portal.backendUrl}/api/capa/postmortems`)).status, 401);
  });

  it("shows clinical-engine's postmortems and its overdue action, flagged, on its CAPA tab", async () => {
    const info = await api<{ today: string; timeZone: string }>('/info');
    await signIn(page, `${portal.appUrl}/catalog/default/component/clinical-engine`);
    await page.getByRole('tab', { name: 'CAPA' }).click();
    await page.waitForURL(/\/clinical-engine\/capa$/);

    await page.getByText(DEMO_TITLE).waitFor();
    const actionRow = page.locator('tr', { hasText: OVERDUE_ACTION });
    await actionRow.locator('[data-due-state="overdue"]').waitFor();
    assert.equal(
      await page.getByTestId('server-day').textContent(),
      `Today is ${info.today} in ${info.timeZone}, by the server's clock.`,
    );
    const summary = await api<{ overdue: number }>('/actions/summary?entityRef=component:default/clinical-engine');
    assert.equal(await page.getByTestId('count-Overdue').textContent(), `${summary.overdue}Overdue`);
    // The messaging incident concerns another service and must not show here.
    assert.equal(await page.getByText(/Message templates deleted/).count(), 0);
    await screenshot('entity-capa-tab');

    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByText('Open actions').first().waitFor();
    await screenshot('entity-overview-card');
  });

  it('moves an action forward on the board, and it stays moved after a reload', async () => {
    await page.getByRole('link', { name: 'CAPA board' }).click();
    await page.getByRole('heading', { name: 'CAPA board' }).waitFor();
    await page.getByTestId('overdue-check-status').getByText(/The overdue check (has not run yet|is running|ran )/).waitFor();
    const openColumn = page.getByTestId('column-open');
    const card = openColumn.locator('[data-testid^="work-card-"]', { hasText: OVERDUE_ACTION });
    await card.waitFor();
    await screenshot('capa-board');

    await card.getByRole('button', { name: 'Start' }).click();
    const inProgress = page.getByTestId('column-in_progress');
    await inProgress.locator('[data-testid^="work-card-"]', { hasText: OVERDUE_ACTION }).waitFor();
    await page.reload();
    await page.getByTestId('column-in_progress').locator('[data-testid^="work-card-"]', { hasText: OVERDUE_ACTION }).waitFor();
    assert.equal(await page.getByTestId('column-open').getByText(OVERDUE_ACTION).count(), 0);
    const stored = await api<{ items: Array<{ title: string; status: string }> }>('/actions?limit=100');
    assert.equal(stored.items.find(a => a.title === OVERDUE_ACTION)?.status, 'in_progress');
  });

  it('closes a CAPA through the effectiveness dialog', async () => {
    // CAPA-4 is implemented and its only action is done.
    const id = await capaIdOf('CAPA-4');
    await page.goto(`${portal.appUrl}/capa/capas/${id}`);
    await page.getByTestId('capa-move-recordEffectiveness').click();
    await page.getByTestId('effectiveness-method').fill('Template edits audited for 30 days');
    await page.getByTestId('effectiveness-criteria').fill('No template edited against the guidelines');
    await screenshot('capa-effectiveness-dialog');
    await page.getByTestId('move-confirm').click();
    await page.getByTestId('effectiveness-check').waitFor();
    await page.getByTestId('capa-move-close').click();
    await page.getByTestId('move-confirm').click();
    await page.getByRole('heading', { name: /CAPA-4/ }).waitFor();
    await page.getByText('Closed', { exact: true }).first().waitFor();
    const stored = await api<{ status: string; effectivenessCheck?: { method: string } }>(`/capas/${id}`);
    assert.equal(stored.status, 'closed');
    assert.equal(stored.effectivenessCheck?.method, 'Template edits audited for 30 days');
    await page.reload();
    await page.getByTestId('effectiveness-check').waitFor();
    await screenshot('capa-page-closed');
  });

  it('reviews the demo quarter and exports it as CSV with the same figures', async () => {
    await page.getByRole('link', { name: 'Quality review' }).click();
    await page.getByRole('heading', { name: 'Quarterly quality review' }).waitFor();
    const review = await api<{
      quarter: string;
      postmortems: { total: number };
      capas: { opened: number; overdueAtQuarterEnd: number };
      actions: { opened: number };
    }>('/review');
    await page.getByTestId('review-period').getByText(new RegExp(review.quarter)).waitFor();
    await screenshot('quality-review');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('review-download-csv').click(),
    ]);
    assert.equal(download.suggestedFilename(), `capa-review-${review.quarter}.csv`);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const rows = new Map(
      csv
        .split(/\r?\n/)
        .filter(line => line.includes(','))
        .map(line => {
          const [label, value] = line.split(',');
          return [label.replace(/^"|"$/g, ''), value] as const;
        }),
    );
    assert.equal(rows.get('Quarter'), review.quarter);
    assert.equal(Number(rows.get('Postmortems')), review.postmortems.total);
    assert.equal(Number(rows.get('CAPAs opened')), review.capas.opened);
    assert.equal(Number(rows.get('Actions opened')), review.actions.opened);
    assert.ok(review.capas.opened > 0, 'the demo quarter has CAPAs opened');
  });

  it('shows a conflict to the second of two people saving the same CAPA', async () => {
    const id = await capaIdOf('CAPA-7');
    const second: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await second.newPage();
    try {
      await page.goto(`${portal.appUrl}/capa/capas/${id}`);
      await signIn(other, `${portal.appUrl}/capa/capas/${id}`);
      await page.getByTestId('capa-edit').waitFor();
      await other.getByTestId('capa-edit').waitFor();

      // Both read the same version; the first saves.
      await page.getByTestId('capa-edit').click();
      await page.getByTestId('capa-title').fill('No lost writes in patient records, verified');
      await page.getByTestId('capa-save').click();
      await page.getByRole('heading', { name: /verified/ }).waitFor();

      // The second, still on the old version, saves and is told so.
      await other.getByTestId('capa-edit').click();
      await other.getByTestId('capa-title').fill('No lost writes, second edit');
      await other.getByTestId('capa-save').click();
      await other.getByTestId('capa-error').getByText(/changed by someone else/).waitFor();
      await other.getByRole('heading', { name: /verified/ }).waitFor();
      await screenshot('capa-conflict', other);

      const stored = await api<{ title: string; version: number }>(`/capas/${id}`);
      assert.equal(stored.title, 'No lost writes in patient records, verified');
    } finally {
      await second.close();
    }
  });

  it('shows the postmortem pages', async () => {
    await page.goto(`${portal.appUrl}/capa/postmortems`);
    await page.getByText(DEMO_TITLE).waitFor();
    await screenshot('postmortem-list');
    await page.getByText(DEMO_TITLE).click();
    await page.getByText('Investigate long running queries').waitFor();
    await screenshot('postmortem-page');
    await page.goto(`${portal.appUrl}/capa/postmortems/new?entityRef=component:default/vitals`);
    await page.getByTestId('postmortem-save').waitFor();
    await screenshot('postmortem-form');
  });
});
