import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
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
