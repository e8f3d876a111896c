import { expect, type Locator, type Page } from '@playwright/test';

export class AuditPage {
  constructor(readonly page: Page) {}

  async expectLoaded(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  }

  async filter({ actor, action }: { actor?: string; action?: string }): Promise<void> {
    await this.page.getByRole('button', { name: /重\s*置/ }).click();
    if (actor) await this.page.getByLabel('操作人').fill(actor);
    if (action) {
      await this.page.getByLabel('操作', { exact: true }).click();
      await this.page.getByLabel('操作', { exact: true }).fill(action);
      await this.page.locator('.ant-select-dropdown:visible').getByText(`(${action})`).click();
    }
    const response = this.page.waitForResponse((r) => r.url().includes('/api/v1/audit-events') && r.ok());
    await this.page.getByRole('button', { name: /查\s*询/ }).click();
    await response;
  }

  /** The data rows of the result table (not the header, not expanded detail rows). */
  rows(): Locator {
    return this.page.locator('tr.ant-table-row');
  }

  rowWith(text: string): Locator {
    return this.rows().filter({ hasText: text });
  }

  /** Expands a row and returns its before/after detail. */
  async expand(row: Locator): Promise<Locator> {
    await row.getByRole('button', { name: '展开行' }).click();
    const detail = row.locator('xpath=following-sibling::tr[1]');
    await expect(detail.getByText('变更内容')).toBeVisible();
    return detail;
  }
}
