import { expect, type Page } from '@playwright/test';
import { pickOption, settle } from './antd';

export interface NewUser {
  username: string;
  displayName: string;
  unitName: string;
  roleLabel: string;
}

export class UsersPage {
  constructor(readonly page: Page) {}

  async expectLoaded(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: '用户管理' })).toBeVisible();
  }

  /** Creates a user and returns the temporary password the UI shows once. */
  async create(user: NewUser): Promise<string> {
    await this.page.getByRole('button', { name: '新建用户' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建用户' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('用户名').fill(user.username);
    await dialog.getByLabel('姓名').fill(user.displayName);
    await pickOption(this.page, dialog.getByLabel('所属单位'), user.unitName);
    await dialog.getByRole('checkbox', { name: user.roleLabel }).check();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();

    const secret = this.page.getByRole('dialog', { name: '临时密码（仅显示一次）' });
    await expect(secret).toBeVisible();
    const password = await secret.getByLabel('临时密码').inputValue();
    expect(password.length).toBeGreaterThanOrEqual(10);
    await settle(this.page);
    await this.page.screenshot({ path: 'test-results/screenshots/04-temporary-password.png' });
    await secret.getByRole('button', { name: /^关\s+闭$/ }).click();
    await expect(secret).toBeHidden();
    await expect(this.page.getByRole('row').filter({ hasText: user.username })).toBeVisible();
    return password;
  }
}
