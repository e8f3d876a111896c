import { expect, type Page } from '@playwright/test';
import { confirmChange, pickOption, settle } from './antd';

/** The role names in the UI, in the contract's order. */
export const ROLE_LABELS = [
  '系统管理员',
  '总指挥部调度员',
  '指挥长',
  '单位管理员',
  '单位工作人员',
  '企业用户',
  '院所用户',
];

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

  row(username: string) {
    return this.page.getByRole('row').filter({ hasText: username });
  }

  async openCreate() {
    await this.page.getByRole('button', { name: '新建用户' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建用户' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Creates a user and returns the temporary password the UI shows once. */
  async create(user: NewUser): Promise<string> {
    const dialog = await this.openCreate();
    await dialog.getByLabel('用户名').fill(user.username);
    await dialog.getByLabel('姓名').fill(user.displayName);
    await pickOption(this.page, dialog.getByLabel('所属单位'), user.unitName);
    await dialog.getByRole('checkbox', { name: user.roleLabel }).check();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const password = await this.readTemporaryPassword('04-temporary-password');
    await expect(this.row(user.username)).toBeVisible();
    return password;
  }

  /** Reads the temporary password from the show-once dialog, then closes it. */
  async readTemporaryPassword(shot?: string): Promise<string> {
    const secret = this.page.getByRole('dialog', { name: '临时密码（仅显示一次）' });
    await expect(secret).toBeVisible();
    const password = await secret.getByLabel('临时密码').inputValue();
    expect(password.length).toBeGreaterThanOrEqual(10);
    if (shot) {
      await settle(this.page);
      await this.page.screenshot({ path: `test-results/screenshots/${shot}.png` });
    }
    await secret.getByRole('button', { name: /^关\s+闭$/ }).click();
    await expect(secret).toBeHidden();
    return password;
  }

  /** Opens the row's "more" menu and picks an entry (设置角色, 重置密码, 启用, 锁定, 停用, 强制下线). */
  async moreAction(username: string, entry: string): Promise<void> {
    await this.row(username)
      .getByRole('button', { name: /更\s*多/ })
      .click();
    await this.page.getByRole('menuitem', { name: entry, exact: true }).click();
  }

  /** Confirms the open confirmation dialog and waits for the change to reach the server. */
  async confirm(): Promise<void> {
    await confirmChange(this.page, '/api/v1/users/');
  }

  async setStatus(username: string, entry: '启用' | '锁定' | '停用'): Promise<void> {
    await this.moreAction(username, entry);
    await this.confirm();
    await expect(this.page.getByText('状态已变更')).toBeVisible();
  }

  /** Replaces the user's roles through the roles dialog. */
  async setRoles(username: string, displayName: string, roleLabels: string[]): Promise<void> {
    await this.moreAction(username, '设置角色');
    const dialog = this.page.getByRole('dialog', { name: `设置「${displayName}」的角色` });
    await expect(dialog).toBeVisible();
    for (const label of ROLE_LABELS) {
      const box = dialog.getByRole('checkbox', { name: label, exact: true });
      if (await box.isEnabled()) await box.setChecked(roleLabels.includes(label));
      else expect(roleLabels.includes(label)).toBe(await box.isChecked());
    }
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(this.page.getByText('角色已保存')).toBeVisible();
    await expect(dialog).toBeHidden();
  }
}
