import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
import { CockpitPage } from '../pages/cockpit.page';
import { LoginPage } from '../pages/login.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

test('the leader reads the cockpit: headline, counties, drill-down, league tables, xlsx, the big screen', async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const shell = new AppShell(page);
  const cockpit = new CockpitPage(page);
  await new LoginPage(page).signInAndWait('leader', DEMO_PASSWORD);

  const data = await test.step('the retail headline of the latest month, with time progress', async () => {
    const body = await cockpit.goto();
    const retail = cockpit.tile('retail_sales');
    await expect(retail).toContainText('社会消费品零售总额');
    await expect(retail).toContainText('亿元');
    await expect(retail.getByTestId('tile-value')).toHaveText(/^\d+\.\d{2}$/);
    await expect(page.getByTestId('time-progress')).toContainText(`${((body.month / 12) * 100).toFixed(1)}%`);
    await expect(page.getByTestId('cockpit-period')).toBeVisible();
    return body;
  });

  await test.step('another indicator shows its 13 counties, ranked', async () => {
    const other = data.headline.find((h) => h.indicator.code !== data.headline[0]?.indicator.code);
    expect(other).toBeDefined();
    const code = other?.indicator.code as string;
    const loaded = cockpit.answer('/indicator');
    await cockpit.tile(code).click();
    await loaded;
    await expect(cockpit.countyView()).toContainText(other?.indicator.nameZh as string);
    await expect(cockpit.countyRows()).toHaveCount(13);
    await expect(cockpit.countyRows().first().locator('td').first()).toHaveText('1');
    await expect(page.getByTestId('county-map')).toBeVisible();
    await expect(page.getByTestId('trend-chart')).toBeVisible();
    await shell.screenshot('cockpit-1280');
  });

  await test.step('a county figure drills down to its source rows', async () => {
    await cockpit.countyRows().first().getByTestId('county-value').click();
    await expect(cockpit.drawer().getByTestId('figure-detail')).toBeVisible();
    await expect(
      cockpit.drawer().getByTestId('figure-history').locator('tbody tr.ant-table-row').first(),
    ).toBeVisible();
    await cockpit.closeDrawer();
  });

  await test.step('the league table switches to the working groups and downloads as xlsx', async () => {
    await expect(cockpit.leagueRows().first()).toBeVisible();
    const groups = cockpit.answer('/league', (u) => u.searchParams.get('board') === 'working_group');
    await page.getByTestId('league').getByText('工作专班').click();
    await groups;
    await expect(cockpit.leagueRows().first()).toBeVisible();
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: /导出 Excel/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  await test.step('the big screen at 1920 × 1080', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('link', { name: /大屏模式/ }).click();
    await expect(page.getByTestId('cockpit-screen')).toBeVisible();
    await expect(page.getByTestId('screen-ranking').locator('tbody tr')).toHaveCount(13);
    await expect(page.getByRole('navigation')).toHaveCount(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/screenshots/cockpit-screen-1920.png', animations: 'disabled' });
  });

  await test.step('an unknown display link says so, without the app and without /me', async () => {
    const calls: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) calls.push(path);
    });
    await page.goto('/display/zdl_not-a-real-link-000000000000000000000000000');
    await expect(page.getByTestId('display-invalid')).toContainText('大屏链接无效或已撤销');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((p) => p.startsWith('/api/v1/cockpit'))).toBe(true);
  });
});

test('晋江市 sees the counties, but another county’s source rows are not visible to it', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const cockpit = new CockpitPage(page);
  await new LoginPage(page).signInAndWait('jinjiang', DEMO_PASSWORD);
  await cockpit.goto();
  await expect(cockpit.countyRows()).toHaveCount(13);
  const other = cockpit
    .countyRows()
    .filter({ hasNot: page.getByText('晋江市', { exact: true }) })
    .first();
  const hidden = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/v1/indicator-figures/'));
  await other.getByTestId('county-value').click();
  expect((await hidden).status()).toBe(404);
  await expect(cockpit.drawer().getByTestId('figure-not-visible')).toContainText('源数据仅本单位和总指挥部可见');
  // No error toast: the drawer explains it.
  await expect(page.locator('.ant-message-error')).toHaveCount(0);
});
