import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from './harness/chromium';
import { screenshotDir } from './harness/paths';
import { guestToken, Portal, startPortal } from './harness/portal';

// Ports of their own, so a portal a developer runs on 3000/7007 is untouched.
const APP_PORT = 3100;
const BACKEND_PORT = 7100;
const DEMO_TITLE =
  'Newly activated patients were not registered by the clinical engine';

describe('the portal with the capa plugins', { timeout: 600_000 }, () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  before(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    portal = await startPortal({
      appPort: APP_PORT,
      backendPort: BACKEND_PORT,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  async function screenshot(name: string) {
    await page.screenshot({
      path: path.join(screenshotDir, `${name}.png`),
      fullPage: true,
    });
  }

  it('refuses the capa API without sign-in', async () => {
    const health = await fetch(`${portal.backendUrl}/api/capa/health`);
    assert.equal(health.status, 200);
    const list = await fetch(`${portal.backendUrl}/api/capa/postmortems`);
    assert.equal(list.status, 401);
  });

  it("shows the backend's postmortems on clinical-engine's CAPA tab", async () => {
    // A postmortem only the backend knows about: if the tab shows it, the tab
    // shows what the backend stored, not something built into the frontend.
    const token = await guestToken(portal.backendUrl);
    const uniqueTitle = `Vitals ingestion stalled (e2e ${Date.now()})`;
    const created = await fetch(`${portal.backendUrl}/api/capa/postmortems`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        title: uniqueTitle,
        incidentDate: '2026-11-02',
        priority: 'P2',
        classification: 'high',
        entityRefs: ['component:default/clinical-engine'],
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const info = (await (
      await fetch(`${portal.backendUrl}/api/capa/info`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as { today: string; timeZone: string };

    await page.goto(
      `${portal.appUrl}/catalog/default/component/clinical-engine`,
    );
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('tab', { name: 'CAPA' }).click();
    await page.waitForURL(/\/clinical-engine\/capa$/);

    await page.getByText(uniqueTitle).waitFor();
    await page.getByText(DEMO_TITLE).waitFor();
    assert.equal(
      await page.getByTestId('server-day').textContent(),
      `Today is ${info.today} in ${info.timeZone}, by the server's clock.`,
    );
    // The messaging incident concerns another service and must not show here.
    assert.equal(await page.getByText(/Message templates deleted/).count(), 0);
    await screenshot('entity-capa-tab');
  });

  it('opens the CAPA board and the quality review from the sidebar', async () => {
    await page.getByRole('link', { name: 'CAPA board' }).click();
    await page.getByRole('heading', { name: 'CAPA board' }).waitFor();
    await page.getByText(/Message templates deleted/).waitFor();
    await page
      .getByTestId('overdue-check-status')
      .getByText(/The overdue check (has not run yet|is running|ran )/)
      .waitFor();
    await screenshot('capa-board');

    await page.getByRole('link', { name: 'Quality review' }).click();
    await page
      .getByRole('heading', { name: 'Quarterly quality review' })
      .waitFor();
    await page.getByRole('button', { name: /Quarter/ }).click();
    await page.getByRole('option', { name: '2024-Q1' }).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await page.getByText('Postmortems of 2024-Q1').waitFor();
    await page.getByText(DEMO_TITLE).waitFor();
    await screenshot('quality-review');
  });
});
