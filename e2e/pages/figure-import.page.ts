import fs from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { pickOption } from './antd';

/** The answer of an import upload or commit (see `ImportPreview` in packages/contracts). */
export interface ImportPreview {
  id: string;
  fileName: string;
  rowsTotal: number;
  rowsInvalid: number;
  errors: { rowNumber: number; column: string | null; code: string; message: string }[];
  changes: { create: number; update: number; unchanged: number };
}

type Cell = string | number | null;

/**
 * The statistics bureau's sheet as the bureau sends it: a title row naming the period, a note, a two-level header
 * (the county column merged over both rows, the indicator over its four columns), one row per county and the city,
 * a note under the table. Rows: title 1, note 2, header 3–4, data from 5.
 */
export async function bureauSheet(opts: {
  title: string;
  indicatorName: string;
  month: number;
  rows: Cell[][];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('统计局报表');
  sheet.addRow([opts.title]);
  sheet.mergeCells('A1:E1');
  sheet.addRow(['单位：亿元，%']);
  sheet.addRow(['县（市、区）', opts.indicatorName, null, null, null]);
  sheet.addRow([null, '本月', '同比%', `1-${opts.month}月累计`, '累计同比%']);
  sheet.mergeCells('A3:A4');
  sheet.mergeCells('B3:E3');
  for (const row of opts.rows) sheet.addRow(row);
  sheet.addRow(['注：本表数据为快报数。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows of a workbook's first sheet, each as its cells' values (empty cells as null). */
export async function xlsxRows(bytes: Buffer): Promise<Cell[][]> {
  expect(bytes.subarray(0, 2).toString(), 'an xlsx (zip) file').toBe('PK');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  expect(sheet, 'a sheet in the workbook').toBeDefined();
  const rows: Cell[][] = [];
  sheet?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined ? null : (v as Cell))));
  });
  return rows;
}

/**
 * Waits until no antd motion (a dialog zooming in, a drawer sliding, a dropdown closing) is running: rc-motion marks
 * the moving element with `…-appear-active`, `…-enter-active` or `…-leave-active` until it ends.
 */
export async function motionDone(page: Page): Promise<void> {
  await expect(
    page.locator('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]'),
  ).toHaveCount(0);
}

/**
 * The figure imports of 数据填报 (FigureImportButton + ImportDialog): the bureau sheet's parameters, the template,
 * the upload with its preview (errors by row, the error report, the counts) and the commit.
 */
export class FigureImportDialog {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.locator('.ant-modal').filter({ has: this.page.locator('.ant-steps') });
  }

  /** Opens the import menu (beside "verify this month") and the bureau sheet's dialog. */
  async openBureau(): Promise<void> {
    await expect(async () => {
      await this.page.getByTestId('figure-import').click({ timeout: 5_000 });
      await this.page
        .getByRole('menuitem', { name: /导入统计局报表|Statistics bureau sheet/ })
        .click({ timeout: 5_000 });
      await expect(this.dialog()).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
  }

  /**
   * Chooses the sheet's indicator and period by their labels as listed (`出口额（亿元）`, `2026`, `10 月`), then
   * 下一步.
   */
  async chooseParams(indicatorLabel: string, yearLabel: string, monthLabel: string): Promise<void> {
    const dialog = this.dialog();
    await pickOption(this.page, dialog.getByTestId('bureau-indicator').getByRole('combobox'), indicatorLabel);
    await this.choose(dialog.getByTestId('bureau-year'), yearLabel);
    await this.choose(dialog.getByTestId('bureau-month'), monthLabel);
    await dialog.getByRole('button', { name: /下一步|Next/ }).click();
    await expect(dialog.locator('.ant-upload-drag')).toBeVisible();
  }

  /** A Select without search: opens it and clicks the option, unless it already shows it. */
  private async choose(select: Locator, label: string): Promise<void> {
    if ((await select.textContent())?.trim() === label) return;
    const popup = this.page.locator('.ant-select-dropdown:visible');
    await expect(async () => {
      if ((await popup.count()) === 0) await select.click();
      await popup.getByTitle(label, { exact: true }).click({ timeout: 3_000 });
      await expect(select).toContainText(label, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  }

  /** Downloads the template of the upload step; answers its bytes. */
  async downloadTemplate(): Promise<{ name: string; bytes: Buffer }> {
    return this.download(this.dialog().getByRole('button', { name: /下载模板|Download template/ }));
  }

  /** Downloads the error report of the preview; answers its bytes. */
  async downloadErrorReport(): Promise<{ name: string; bytes: Buffer }> {
    return this.download(this.dialog().getByRole('button', { name: /下载错误报告|error report/i }));
  }

  private async download(button: Locator): Promise<{ name: string; bytes: Buffer }> {
    const downloading = this.page.waitForEvent('download');
    await button.click();
    const download = await downloading;
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  }

  /** Uploads a sheet and answers the server's preview once the dialog shows it. */
  async upload(fileName: string, bytes: Buffer): Promise<ImportPreview> {
    const answered = this.page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/imports/bureau_sheet' && r.request().method() === 'POST',
    );
    await this.dialog().locator('input[type="file"]').setInputFiles({
      name: fileName,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    const response = await answered;
    expect(response.status(), await response.text()).toBe(201);
    const preview = (await response.json()) as ImportPreview;
    await expect(this.dialog()).toContainText(fileName);
    return preview;
  }

  /** The preview's error list: one table row per error (row number, reason). */
  errorRows(): Locator {
    return this.dialog().locator('.ant-table').first().locator('tbody tr.ant-table-row');
  }

  commitButton(): Locator {
    return this.dialog().getByRole('button', { name: /确认导入|^Import$/ });
  }

  /** 重新上传: back to the parameters (kept), then 下一步 to the upload. */
  async reupload(): Promise<void> {
    const dialog = this.dialog();
    await dialog.getByRole('button', { name: /重新上传|Upload another file/ }).click();
    await dialog.getByRole('button', { name: /下一步|Next/ }).click();
    await expect(dialog.locator('.ant-upload-drag')).toBeVisible();
  }

  async commit(): Promise<ImportPreview> {
    const done = this.page.waitForResponse(
      (r) => /\/api\/v1\/imports\/[^/]+\/commit$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST',
    );
    await this.commitButton().click();
    const response = await done;
    expect(response.ok(), await response.text()).toBe(true);
    await expect(this.dialog().locator('.ant-result-success')).toBeVisible();
    return (await response.json()) as ImportPreview;
  }

  /** What the screen shows now (the viewport: a dialog or drawer is fixed over the page), once motion has ended. */
  async screenshot(name: string): Promise<void> {
    await motionDone(this.page);
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, animations: 'disabled' });
  }

  async close(): Promise<void> {
    await this.dialog().locator('.ant-modal-close').click();
    await expect(this.dialog()).toBeHidden();
  }
}
