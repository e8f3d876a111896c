import { expect, type Page } from '@playwright/test';
import { confirmChange, pickOption } from './antd';

export interface NewUnit {
  parentName: string;
  nameZh: string;
  shortName: string;
  nameEn: string;
  code: string;
  typeLabel: string;
}

export class UnitsPage {
  constructor(readonly page: Page) {}

  row(name: string) {
    return this.page.getByRole('row').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: '单位管理' })).toBeVisible();
    await expect(this.page.getByRole('row').nth(2)).toBeVisible();
  }

  /** Creates a unit with the row action "add sub-unit" of its parent. */
  async createUnder(unit: NewUnit): Promise<void> {
    await this.row(unit.parentName).getByRole('button', { name: '添加下级' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建单位' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('中文名称').fill(unit.nameZh);
    await dialog.getByLabel('简称').fill(unit.shortName);
    await dialog.getByLabel('英文名称').fill(unit.nameEn);
    await dialog.getByLabel('单位编码').fill(unit.code);
    await pickOption(this.page, dialog.getByLabel('单位类型'), unit.typeLabel);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dialog).toBeHidden();
    await expect(this.row(unit.nameZh)).toBeVisible();
  }

  /** Opens the row's "more" menu and picks an entry (调整上级, 停用, 启用, 删除). */
  async moreAction(name: string, entry: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: /更\s*多/ })
      .click();
    await this.page.getByRole('menuitem', { name: entry, exact: true }).click();
  }

  /** Confirms the open confirmation dialog and waits for the change to reach the server. */
  async confirm(): Promise<void> {
    await confirmChange(this.page, '/api/v1/units/');
  }

  async showInactive(on: boolean): Promise<void> {
    const toggle = this.page.getByRole('switch', { name: '显示已停用单位' });
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', String(on));
  }

  /** Moves a unit under another parent through the row menu. */
  async move(name: string, parentName: string): Promise<void> {
    await this.moreAction(name, '调整上级');
    const dialog = this.page.getByRole('dialog', { name: `调整「${name}」的上级单位` });
    await expect(dialog).toBeVisible();
    await pickOption(this.page, dialog.getByLabel('新的上级单位'), parentName);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(this.page.getByText('上级单位已调整')).toBeVisible();
    await expect(dialog).toBeHidden();
  }

  /** Opens the edit dialog of a unit. */
  async openEdit(name: string) {
    await this.row(name)
      .getByRole('button', { name: /^编\s*辑$/ })
      .click();
    const dialog = this.page.getByRole('dialog', { name: '编辑单位' });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
