import { expect, type Page } from '@playwright/test';
import { settle } from './antd';

export class TokensPage {
  constructor(readonly page: Page) {}

  row(name: string) {
    return this.page.getByRole('row').filter({ hasText: name });
  }

  /** Creates a token and returns the secret the UI shows once. */
  async create(name: string, permissionLabels: string[]): Promise<string> {
    await this.page.getByRole('button', { name: '创建令牌' }).click();
    const dialog = this.page.getByRole('dialog', { name: '创建令牌' });
    await dialog.getByLabel('名称').fill(name);
    for (const label of permissionLabels) await dialog.getByRole('checkbox', { name: label }).check();
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    const secretDialog = this.page.getByRole('dialog', { name: '令牌已创建（仅显示一次）' });
    await expect(secretDialog).toBeVisible();
    const secret = await secretDialog.getByLabel('令牌密钥').inputValue();
    await settle(this.page);
    await this.page.screenshot({ path: 'test-results/screenshots/15-token-secret.png' });
    await secretDialog.getByRole('button', { name: /^关\s+闭$/ }).click();
    await expect(this.row(name)).toContainText('有效');
    return secret;
  }

  async revoke(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: '吊销' }).click();
    await this.page
      .getByRole('dialog')
      .getByRole('button', { name: /吊\s*销/ })
      .click();
    await expect(this.row(name)).toContainText('已吊销');
  }
}
