import { expect, type Page } from '@playwright/test';

/** The forced change-password screen shown after a first sign-in with a temporary password. */
export class ChangePasswordPage {
  constructor(readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/change-password/);
    await expect(this.page.getByText('请修改密码', { exact: true })).toBeVisible();
  }

  async change(current: string, next: string): Promise<void> {
    await this.page.getByLabel('当前密码').fill(current);
    await this.page.getByLabel('新密码', { exact: true }).fill(next);
    await this.page.getByLabel('确认新密码').fill(next);
    await this.page.getByRole('button', { name: '修改密码' }).click();
  }
}
