import { expect, type Page } from '@playwright/test';
import { pickOption } from './antd';

/** The figures page (数据填报): the monthly entry form and HQ's verification list. */
export class FiguresPage {
  constructor(readonly page: Page) {}

  /** Opens a tab by its address; a load left spinning on a busy machine is tried again. */
  async goto(tab: 'entry' | 'verify' = 'entry'): Promise<void> {
    const url = tab === 'entry' ? '/cockpit/figures' : '/cockpit/figures?tab=verify';
    await expect(async () => {
      await this.page.goto(url);
      await expect(this.page.getByRole('tab', { selected: true })).toBeVisible({ timeout: 20_000 });
    }).toPass({ timeout: 90_000 });
  }

  input(code: string) {
    return this.page.getByTestId(`entry-input-${code}`);
  }

  state(code: string) {
    return this.page.getByTestId(`entry-state-${code}`);
  }

  /** HQ enters for any unit: pick it in the form. */
  async pickUnit(name: string): Promise<void> {
    await pickOption(this.page, this.page.getByRole('combobox', { name: /填报单位|^Unit$/ }), name);
  }

  /** Types a value and waits for the live YoY beside it. */
  async enter(code: string, value: string): Promise<void> {
    const input = this.input(code).locator('input');
    await input.fill(value);
    await input.blur();
  }

  async saveAll(): Promise<void> {
    const saved = this.page.waitForResponse(
      (r) => r.url().includes('/api/v1/figure-entry') && r.request().method() === 'PUT',
    );
    await this.page.getByRole('button', { name: /全部保存|Save all/ }).click();
    expect((await saved).ok()).toBe(true);
  }

  /** Verifies the shown month (all indicators) through the confirmation pop-up. */
  async verifyMonth(): Promise<void> {
    await this.page.getByTestId('verify-month-button').click();
    const pop = this.page.locator('.ant-popover:visible');
    const done = this.page.waitForResponse(
      (r) => r.url().includes('/api/v1/indicator-figures/verify') && r.request().method() === 'POST',
    );
    await pop.getByRole('button', { name: /确\s*认|Confirm|OK/ }).click();
    expect((await done).ok()).toBe(true);
  }
}
