import { expect, type Page } from '@playwright/test';
import { settle } from './antd';

/** 驾驶舱 › 大屏链接 (/cockpit/display-links): the HQ office's links for meeting-room screens. */
export class DisplayLinksPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/cockpit/display-links');
    await expect(this.page.getByRole('heading', { name: '大屏链接' })).toBeVisible();
  }

  row(name: string) {
    return this.page.getByRole('row').filter({ hasText: name });
  }

  /** Creates a link and returns the full address the UI shows once. */
  async create(name: string): Promise<string> {
    await this.page.getByRole('button', { name: '新建大屏链接' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建大屏链接' });
    await dialog.getByLabel('名称').fill(name);
    await dialog.getByRole('button', { name: /^新\s*建$/ }).click();
    const shown = this.page.getByRole('dialog', { name: '大屏链接已创建（仅显示一次）' });
    await expect(shown).toBeVisible();
    const address = await shown.getByLabel('大屏链接地址').inputValue();
    await settle(this.page);
    await this.page.screenshot({ path: 'test-results/screenshots/display-link-created.png' });
    await shown.getByRole('button', { name: /^关\s+闭$/ }).click();
    await expect(this.row(name)).toContainText('有效');
    return address;
  }

  async revoke(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: '撤销' }).click();
    await this.page
      .getByRole('dialog')
      .getByRole('button', { name: /撤\s*销/ })
      .click();
    await expect(this.row(name)).toContainText('已撤销');
  }
}
