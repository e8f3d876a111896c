import fs from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { pickOption } from './antd';

export interface NoticeRange {
  kind: 'holiday' | 'workday';
  from: string;
  to: string;
  name: string;
}

/** The working-day calendar page (系统管理 › 工作日历). */
export class CalendarPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/system/calendar');
    await expect(this.page.getByRole('heading', { name: '工作日历' })).toBeVisible();
    await expect(this.page.getByTestId('calendar-months')).toBeVisible();
  }

  missingWarning() {
    return this.page.getByTestId('calendar-missing');
  }

  async pickYear(year: number): Promise<void> {
    await pickOption(this.page, this.page.getByRole('combobox', { name: '年份' }), `${year} 年`);
  }

  /** A day cell of the month grid. */
  day(date: string) {
    return this.page.getByTestId('calendar-months').locator(`[data-date="${date}"]`);
  }

  editor(year: number) {
    return this.page.getByRole('dialog', { name: `录入 ${year} 年节假日安排` });
  }

  /** Enters a year's notice through the warning's button: its reference and its date ranges; saves. */
  async enterNotice(year: number, notice: string, ranges: NoticeRange[]): Promise<void> {
    await this.missingWarning().getByRole('button', { name: '录入通知' }).click();
    const dialog = this.editor(year);
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('通知文号').fill(notice);
    for (const range of ranges) {
      await dialog.getByRole('button', { name: range.kind === 'holiday' ? '添加放假' : '添加调休上班日' }).click();
      const row = dialog.getByTestId('calendar-range').last();
      const start = row.getByPlaceholder('开始日期');
      await start.click();
      await start.fill(range.from);
      await start.press('Enter');
      const end = row.getByPlaceholder('结束日期');
      await end.fill(range.to);
      await end.press('Enter');
      await expect(start).toHaveValue(range.from);
      await expect(end).toHaveValue(range.to);
      await row.getByLabel('节日名称').fill(range.name);
    }
    const saved = this.page.waitForResponse(
      (r) => r.url().includes(`/api/v1/calendar/${year}`) && r.request().method() === 'PUT',
    );
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    expect((await saved).ok()).toBe(true);
    await expect(dialog).toBeHidden();
  }

  /** Clicks "导出 Excel" and answers the downloaded file's name and bytes. */
  async export(): Promise<{ name: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: '导出 Excel' }).click();
    const file = await download;
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: fs.readFileSync(path) };
  }
}
