import { expect, type Page } from '@playwright/test';
import { confirmChange } from './antd';

/** The bulletin pages (通报): the archive, the builder with its progress, and one bulletin. */
export class BulletinsPage {
  constructor(readonly page: Page) {}

  async gotoArchive(): Promise<void> {
    await this.page.goto('/dispatch/bulletins');
    await expect(this.page.getByRole('heading', { name: /^(通报|Bulletins)$/ })).toBeVisible();
  }

  /**
   * Builds a bulletin for the month the builder offers (this month) and waits on its progress until the new draft's
   * page opens; answers the draft's id.
   */
  async buildThisMonth(onProgress?: () => Promise<void>): Promise<string> {
    await this.page.getByRole('button', { name: /新建通报|New bulletin/ }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog.getByTestId('bulletin-period-preview')).toBeVisible();
    const started = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/bulletins') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: /生成草稿|Generate draft/ }).click();
    expect((await started).status()).toBe(202);
    await expect(this.page.getByTestId('bulletin-task')).toBeVisible();
    if (onProgress) await onProgress();
    await expect(this.page).toHaveURL(/\/dispatch\/bulletins\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    return this.page.url().split('/').pop() as string;
  }

  async open(id: string): Promise<void> {
    await this.page.goto(`/dispatch/bulletins/${id}`);
    await expect(this.page.getByTestId('bulletin-number')).toBeVisible();
  }

  figure(key: 'opened' | 'resolved' | 'resolvedOnTime' | 'satisfaction') {
    return this.page.getByTestId(`bulletin-figure-${key}`);
  }

  /** Edits the opening paragraph and saves it (a new version). */
  async editOpening(text: string): Promise<void> {
    await this.page.getByRole('button', { name: /编辑文字|Edit text/ }).click();
    const form = this.page.getByTestId('bulletin-text-form');
    await form.getByLabel(/^(总体情况|Overview)$/).fill(text);
    const saved = this.page.waitForResponse(
      (r) => /\/api\/v1\/bulletins\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH',
    );
    await form.getByRole('button', { name: /保存文字|Save text/ }).click();
    expect((await saved).status()).toBe(200);
    await expect(form).toBeHidden();
  }

  /** Publishes the draft through the confirmation dialog; answers the number shown. */
  async publish(): Promise<string> {
    await this.page.getByRole('button', { name: /^(印\s*发|Publish)$/ }).click();
    await confirmChange(this.page, '/publish');
    const number = this.page.getByTestId('bulletin-number');
    await expect(number).toHaveText(/〔\d{4}〕\d+号/);
    return (await number.textContent()) ?? '';
  }
}
