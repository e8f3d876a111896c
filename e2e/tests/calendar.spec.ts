import { expect, test } from '@playwright/test';
import { CalendarPage } from '../pages/calendar.page';
import { LoginPage } from '../pages/login.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

test('admin sees the National Day holidays, enters next year’s notice and exports the calendar', async ({ page }) => {
  await new LoginPage(page).signInAndWait('admin', DEMO_PASSWORD);
  const calendar = new CalendarPage(page);
  await calendar.open();
  const nextYear = (await (await page.request.get('/api/v1/calendar')).json()) as { missingYears: number[] };
  const year = nextYear.missingYears[0] ?? 2027;

  await test.step('the warning names the year whose calendar is missing', async () => {
    await expect(calendar.missingWarning()).toContainText(`${year} 年工作日历尚未录入，期限将只按周末计算`);
  });

  await test.step('2025: National Day days off in red, the make-up Sunday and Saturday in blue', async () => {
    await calendar.pickYear(2025);
    for (const date of ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']) {
      await expect(calendar.day(date)).toHaveAttribute('data-kind', 'holiday');
    }
    await expect(calendar.day('2025-09-28')).toHaveAttribute('data-kind', 'workday');
    await expect(calendar.day('2025-10-11')).toHaveAttribute('data-kind', 'workday');
    await expect(calendar.day('2025-10-13')).not.toHaveAttribute('data-kind', /./);
  });

  await test.step(`enters the ${year} notice: National Day off, one make-up Saturday`, async () => {
    await calendar.enterNotice(year, `国办发明电〔${year - 1}〕9号`, [
      { kind: 'holiday', from: `${year}-10-01`, to: `${year}-10-07`, name: '国庆节' },
      { kind: 'workday', from: `${year}-10-09`, to: `${year}-10-09`, name: '国庆节' },
    ]);
    await expect(calendar.missingWarning()).toHaveCount(0);
    await expect(calendar.day(`${year}-10-01`)).toHaveAttribute('data-kind', 'holiday');
    await expect(calendar.day(`${year}-10-09`)).toHaveAttribute('data-kind', 'workday');
    const stored = (await (await page.request.get(`/api/v1/calendar/${year}`)).json()) as {
      notice: string;
      days: { date: string; kind: string }[];
    };
    expect(stored.notice).toBe(`国办发明电〔${year - 1}〕9号`);
    // Weekend days off are off anyway and are not stored; the make-up Saturday is.
    expect(stored.days.find((d) => d.date === `${year}-10-09`)?.kind).toBe('workday');
    expect(stored.days.filter((d) => d.kind === 'holiday').length).toBeGreaterThanOrEqual(5);
  });

  await test.step('exports every year as one xlsx', async () => {
    const file = await calendar.export();
    expect(file.name).toBe('工作日历.xlsx');
    expect(file.bytes.subarray(0, 2).toString()).toBe('PK');
    expect(file.bytes.length).toBeGreaterThan(10_000);
  });
});
