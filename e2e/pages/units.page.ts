import { expect, type Page } from '@playwright/test';
import { pickOption } from './antd';

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
}
