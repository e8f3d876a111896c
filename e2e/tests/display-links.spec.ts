import { expect, test } from '@playwright/test';
import { DisplayLinksPage } from '../pages/display-links.page';
import { LoginPage } from '../pages/login.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

test('hq creates a display link; a screen without a session shows the cockpit until the link is revoked', async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const links = new DisplayLinksPage(page);
  await new LoginPage(page).signInAndWait('hq', DEMO_PASSWORD);
  await links.goto();
  const address = await links.create('三楼调度会议室');
  expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/display\/zdl_[A-Za-z0-9_-]{43}$/);

  // The meeting-room screen: another browser context, no cookie.
  const screen = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  const calls: string[] = [];
  screen.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) calls.push(path);
  });
  await screen.goto(address);
  await expect(screen.getByTestId('cockpit-screen')).toBeVisible();
  await expect(screen.getByTestId('screen-ranking').locator('tbody tr')).toHaveCount(13);
  await screen.waitForTimeout(500);
  await screen.screenshot({ path: 'test-results/screenshots/display-link-screen.png', animations: 'disabled' });
  expect(calls).not.toContain('/api/v1/me');

  await links.page.reload();
  await expect(links.row('三楼调度会议室')).not.toContainText('从未使用');
  await links.revoke('三楼调度会议室');
  await screen.reload();
  await expect(screen.getByTestId('display-invalid')).toContainText('大屏链接无效或已撤销');
});
