import { expect, type Page, test } from '@playwright/test';
import { settle } from '../pages/antd';
import { AppShell } from '../pages/app-shell.page';
import { FiguresPage } from '../pages/figures.page';
import { LoginPage } from '../pages/login.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';
/** The demo's reporting day (cockpit settings): a month is reported by this day of the next month. */
const REPORT_DAY = 10;

/** Signs in; a page left loading on a busy machine (other suites running beside this one) is loaded again. */
async function signIn(page: Page, username: string): Promise<void> {
  const login = new LoginPage(page);
  await expect(async () => {
    await login.goto();
  }).toPass({ timeout: 120_000 });
  await login.signIn(username, DEMO_PASSWORD);
  await expect(page.getByRole('navigation')).toBeVisible({ timeout: 60_000 });
}

/** Today in Asia/Shanghai, the last month that has ended, and whether a county may still report it. */
function reportingPeriod(now = new Date()) {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  const year = shanghai.getUTCFullYear();
  const month = shanghai.getUTCMonth() + 1;
  const period = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return { ...period, countyOpen: shanghai.getUTCDate() <= REPORT_DAY };
}

/** Switches to Chinese and waits until the account has saved it (the next sign-in opens in Chinese). */
async function backToChinese(page: Page): Promise<void> {
  await new AppShell(page).switchLanguage('简体中文');
}

test('晋江市 reports retail sales for the last month (or HQ does once the deadline passed), HQ verifies it, then it is locked for the county', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const period = reportingPeriod();
  const value = '1234.56';

  const county = await browser.newPage();
  const countyFigures = new FiguresPage(county);
  await signIn(county, 'jinjiang');

  await test.step('晋江市 opens 数据填报 from the menu: its own form for the last month, with the deadline', async () => {
    await new AppShell(county).open('数据填报');
    await expect(county).toHaveURL(/\/cockpit\/figures/);
    await expect(county.getByTestId('entry-deadline')).toContainText(
      `${period.month === 12 ? period.year + 1 : period.year}-${String((period.month % 12) + 1).padStart(2, '0')}-10`,
    );
    await expect(county.getByText('社会消费品零售总额').first()).toBeVisible();
  });

  if (period.countyOpen) {
    await test.step('before the deadline 晋江市 enters the figure, sees the YoY live, saves', async () => {
      await countyFigures.enter('retail_sales', value);
      await expect(county.getByTestId('entry-yoy-retail_sales')).toContainText('%');
      await countyFigures.saveAll();
      await expect(countyFigures.state('retail_sales')).toContainText('已上报');
      await new AppShell(county).screenshot('figures/01-county-entry-zh');
    });
  } else {
    await test.step('past the deadline 晋江市 sees the form locked and why', async () => {
      await expect(county.getByTestId('entry-locked')).toContainText('截止');
      await expect(countyFigures.state('retail_sales')).toContainText('已过截止日期');
      await expect(countyFigures.input('retail_sales')).toHaveCount(0);
      await new AppShell(county).screenshot('figures/01-county-locked-zh');
    });
  }

  const hq = await browser.newPage();
  const hqFigures = new FiguresPage(hq);
  await signIn(hq, 'hq');

  if (!period.countyOpen) {
    await test.step('HQ enters 晋江市’s figure any time (unit picker), sees the YoY live, saves', async () => {
      await hqFigures.goto('entry');
      await hqFigures.pickUnit('晋江市');
      await expect(hqFigures.input('retail_sales')).toBeVisible();
      await hqFigures.enter('retail_sales', value);
      await expect(hq.getByTestId('entry-yoy-retail_sales')).toContainText('%');
      await hqFigures.saveAll();
      await expect(hq.getByText('已保存 1 项数据')).toBeVisible();
      await expect(hqFigures.input('retail_sales').locator('input')).toHaveValue(/1,?234\.56/);
      await new AppShell(hq).screenshot('figures/02-hq-entry-zh');
    });
  }

  await test.step('HQ verifies the month; the figure shows verified with its history', async () => {
    await hqFigures.goto('verify');
    await hqFigures.verifyMonth();
    await expect(hq.getByText(/已核验 \d+ 项数据/)).toBeVisible();
    const row = hq.getByRole('row').filter({ hasText: '晋江市' }).filter({ hasText: '社会消费品零售总额' });
    await expect(row.first()).toContainText('1,234.56 亿元');
    await expect(row.first()).toContainText('已核验');
    await row.first().click();
    await expect(hq.getByTestId('figure-history-of')).toContainText('晋江市');
    await expect(hq.locator('.ant-drawer')).toContainText('填报');
    await settle(hq);
    await new AppShell(hq).screenshot('figures/03-hq-verify-history-zh');
    await hq.locator('.ant-drawer-close').click();
  });

  await test.step('晋江市 sees the verified figure locked', async () => {
    await countyFigures.goto('entry');
    await expect(countyFigures.state('retail_sales')).toContainText('已核验');
    await expect(countyFigures.state('retail_sales')).toContainText('不可修改');
    await expect(county.getByTestId('entry-value-retail_sales')).toContainText('1,234.56 亿元');
    await new AppShell(county).screenshot('figures/04-county-verified-zh');
  });

  await test.step('screenshots in English and of the indicator pages', async () => {
    await new AppShell(county).switchLanguage('English');
    await expect(county.getByRole('heading', { level: 4 })).toHaveText('Figures');
    await new AppShell(county).screenshot('figures/05-county-verified-en');
    // The language is saved to the account: back to Chinese (saved) before the later specs sign in as 晋江市.
    await backToChinese(county);

    await hq.goto('/cockpit/indicators');
    await expect(hq.getByRole('cell', { name: 'retail_sales' })).toBeVisible();
    await new AppShell(hq).screenshot('figures/06-indicators-zh');
    await hq.getByRole('tab', { name: '年度目标' }).click();
    await expect(hq.getByRole('row').filter({ hasText: '晋江市' })).toContainText('%');
    await new AppShell(hq).screenshot('figures/07-targets-zh');
    await hq.getByRole('tab', { name: '驾驶舱设置' }).click();
    await expect(hq.getByText('争先榜构成')).toBeVisible();
    await new AppShell(hq).screenshot('figures/08-settings-zh');
    await new AppShell(hq).switchLanguage('English');
    await expect(hq.getByText('League tables')).toBeVisible();
    await new AppShell(hq).screenshot('figures/09-settings-en');
    await hq.getByRole('tab', { name: 'Annual targets' }).click();
    await expect(hq.getByRole('row').filter({ hasText: 'Jinjiang' })).toContainText('%');
    await new AppShell(hq).screenshot('figures/10-targets-en');
    await hqFigures.goto('verify');
    await expect(hq.getByRole('tab', { name: 'Verification' })).toBeVisible();
    await new AppShell(hq).screenshot('figures/11-verify-en');
    await hqFigures.goto('entry');
    await new AppShell(hq).screenshot('figures/12-entry-en');
    await backToChinese(hq);
  });
  await county.close();
  await hq.close();
});
