import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
import { createDispatchedItem, DispatchPage } from '../pages/dispatch.page';
import { LoginPage } from '../pages/login.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

test('the language switch is saved to the account and survives a reload and a new browser', async ({
  page,
  browser,
}) => {
  const login = new LoginPage(page);
  const shell = new AppShell(page);
  await login.signInAndWait('leader', DEMO_PASSWORD);
  await expect(shell.menu.getByRole('menuitem', { name: '工作台' })).toBeVisible();

  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
  await shell.switchLanguage('English');
  expect((await saved).ok()).toBe(true);
  await expect(shell.menu.getByRole('menuitem', { name: 'Workbench' })).toBeVisible();
  await expect(page).toHaveTitle('Zaitun · Quanzhou Trade Development Platform');

  await page.reload();
  await expect(shell.menu.getByRole('menuitem', { name: 'Workbench' })).toBeVisible();
  await shell.screenshot('10-home-english');

  // A fresh browser (no local storage) picks the language up from the account at sign-in.
  const other = await browser.newContext({ locale: 'zh-CN' });
  const otherPage = await other.newPage();
  await new LoginPage(otherPage).signInAndWait('leader', DEMO_PASSWORD);
  await expect(new AppShell(otherPage).menu.getByRole('menuitem', { name: 'Workbench' })).toBeVisible();
  await other.close();

  await shell.switchLanguage('简体中文');
  await expect(shell.menu.getByRole('menuitem', { name: '工作台' })).toBeVisible();
  await page.reload();
  await expect(shell.menu.getByRole('menuitem', { name: '工作台' })).toBeVisible();
  await expect(page).toHaveTitle('刺桐 · 泉州内外贸高质量发展调度平台');
});

test('the item page in English: states, light, clocks, cards and timeline all translated', async ({ page }) => {
  const login = new LoginPage(page);
  const shell = new AppShell(page);
  await login.signInAndWait('hq', DEMO_PASSWORD);
  const title = `English check ${Date.now().toString(36)}`;
  const id = await createDispatchedItem(page, { title, leadUnit: '晋江市', coUnits: ['石狮市'] });
  await shell.switchLanguage('English');
  try {
    const dispatch = new DispatchPage(page);
    await page.goto(`/dispatch/items/${id}`);
    const header = dispatch.header();
    await expect(header).toContainText(title, { timeout: 45_000 });
    await expect(header).toContainText('To sign');
    await expect(header.locator('[data-light="green"]')).toHaveText('On track');
    await expect(header).toContainText('Lead unit');
    await expect(header).toContainText('Jinjiang City');
    await expect(header).toContainText(/\d+ working days? left/);
    for (const card of ['Item', 'Handling', 'Co-units and their parts', 'Timeline', 'Attachments']) {
      await expect(page.locator('.ant-card-head-title').getByText(card, { exact: true })).toBeVisible();
    }
    await expect(page.getByText('Shishi City').first()).toBeVisible();
    await expect(page.locator('#main')).toContainText('To dispatch → To sign');
    // Nothing of the page's own wording is left in Chinese: only the item's title and the people's names are.
    const chrome = (await page.locator('#main').textContent()) ?? '';
    const cjk = chrome
      .replace(title, '')
      .replace(/陈调度/g, '')
      .match(/[\u4e00-\u9fff]+/g);
    expect(cjk, `Chinese left on the English item page: ${cjk?.join(' ')}`).toBeNull();
  } finally {
    await shell.switchLanguage('简体中文');
  }
});

test('the dispatch lists fit a 1280 px laptop in English, and lists of units use commas', async ({ page }) => {
  const login = new LoginPage(page);
  const shell = new AppShell(page);
  await login.signInAndWait('hq', DEMO_PASSWORD);
  await shell.switchLanguage('English');
  try {
    const lists: [string, string][] = [
      ['/dispatch/supervision', 'Supervision'],
      ['/dispatch/items', 'Dispatch items'],
      ['/dispatch/board', 'Dispatch board'],
      ['/dispatch/orders', 'Assignment orders'],
      ['/dispatch/meetings', 'Dispatch meetings'],
    ];
    for (const [path, heading] of lists) {
      await page.goto(path);
      // A page's code loads on first visit: slow on a busy machine.
      await expect(page.getByRole('heading', { name: heading })).toBeVisible({ timeout: 45_000 });
      const table = page.locator('.ant-table-body, .ant-table-content').first();
      await expect(table).toBeVisible();
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 45_000 });
      // Every column is on screen: the table does not scroll sideways beside the menu.
      const sideways = await table.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(sideways, `${path} scrolls sideways by ${sideways} px`).toBeLessThanOrEqual(0);
    }
    // The orders list names its addressees in English, separated by commas (the seeded orders have several).
    await page.goto('/dispatch/orders');
    const addressees = page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(4)');
    await expect(addressees.first()).toContainText(/\w/);
    const names = (await addressees.allTextContents()).join(' | ');
    expect(names).not.toContain('、');
    expect(names).toContain(', ');
    // So does a meeting's page (the seeded meetings have every group and county attending); its labels end in an
    // ASCII colon, and nothing of the page's own wording is Chinese (the meeting's number, title and place are data).
    await page.goto('/dispatch/meetings');
    await page.locator('.ant-table-tbody tr.ant-table-row td:first-child a').first().click();
    const attending = page.locator('.ant-descriptions-item').filter({ hasText: 'Attending units' });
    await expect(attending).toContainText('Jinjiang City, ', { timeout: 45_000 });
    await expect(attending).not.toContainText('、');
    const labels = (await page.locator('.ant-descriptions-item-label').allTextContents()).join(' | ');
    expect(labels).not.toMatch(/[\u4e00-\u9fff：]/);
  } finally {
    await shell.switchLanguage('简体中文');
  }
});
