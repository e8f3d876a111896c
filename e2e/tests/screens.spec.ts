import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
import { LoginPage } from '../pages/login.page';
import { TokensPage } from '../pages/tokens.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

test('every admin page renders at 1280 px', async ({ page }) => {
  const shell = new AppShell(page);
  await new LoginPage(page).signInAndWait('admin', DEMO_PASSWORD);
  const pages: [string, string, string][] = [
    ['角色权限', '角色权限', '11-roles'],
    ['数据备份', '数据备份', '12-backup-empty'],
    ['API 令牌', 'API 令牌', '13-tokens'],
    ['个人中心', '个人中心', '14-profile'],
  ];
  for (const [entry, heading, shot] of pages) {
    await shell.open(entry);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await shell.screenshot(shot);
  }
});

test('an API token is shown once, works as a bearer token, and stops working when revoked', async ({
  page,
  request,
}) => {
  const shell = new AppShell(page);
  const tokens = new TokensPage(page);
  await new LoginPage(page).signInAndWait('admin', DEMO_PASSWORD);
  await shell.open('API 令牌');
  const name = `e2e-${Date.now().toString(36)}`;
  const secret = await tokens.create(name, ['查看单位']);

  const headers = { Authorization: `Bearer ${secret}` };
  expect((await request.get('/api/v1/units/tree', { headers })).status()).toBe(200);
  // The token carries only the permissions chosen for it.
  expect((await request.get('/api/v1/users', { headers })).status()).toBe(403);

  await tokens.revoke(name);
  expect((await request.get('/api/v1/units/tree', { headers })).status()).toBe(401);
  await shell.screenshot('16-tokens');
});

test('a backup taken now is listed and downloads', async ({ page }) => {
  const shell = new AppShell(page);
  await new LoginPage(page).signInAndWait('admin', DEMO_PASSWORD);
  await shell.open('数据备份');
  await page.getByRole('button', { name: '立即备份' }).click();
  const link = page.getByRole('link', { name: /下载/ }).first();
  await expect(link).toBeVisible({ timeout: 60_000 });
  const download = page.waitForEvent('download');
  await link.click();
  expect((await download).suggestedFilename()).toMatch(/^zaitun-.*\.(tar\.gz|dump)$/);
  await shell.screenshot('12-backup');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('sign-in and profile are usable at 375 px', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await page.screenshot({ path: 'test-results/screenshots/20-login-phone.png', fullPage: true });
    await login.signIn('jinjiang', DEMO_PASSWORD);
    await expect(page.getByRole('button', { name: /^用户菜单/ })).toBeVisible();
    await page.goto('/me');
    await expect(page.getByRole('heading', { name: '个人中心' })).toBeVisible();
    await expect(page.getByRole('button', { name: '修改密码' }))
      .toBeInViewport({ ratio: 0 })
      .catch(() => undefined);
    // Nothing may stick out sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/screenshots/21-profile-phone.png', fullPage: true });
  });
});
