import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Picks an option of an antd Select or TreeSelect (found by its label) by typing to filter and clicking the
 * option. The popup is a portal with its own animation, so a click that lands mid-animation is retried, and
 * the choice is confirmed by reading it back from the field.
 */
export async function pickOption(page: Page, field: Locator, label: string): Promise<void> {
  const popup = page.locator('.ant-select-dropdown:visible');
  const select = field.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
  await expect(async () => {
    if ((await popup.count()) === 0) await field.click();
    await field.fill(label);
    await popup.getByTitle(label, { exact: true }).first().click({ timeout: 3_000 });
    await expect(select).toContainText(label, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(popup).toHaveCount(0);
}

/** Lets an opening modal finish its zoom animation, so that a screenshot shows it (only for screenshots). */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(600);
}

/** Confirms the open confirmation dialog and waits for the change (a write under `urlPart`) to reach the server. */
export async function confirmChange(page: Page, urlPart: string): Promise<void> {
  const dialog = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: /确\s*认/ }) });
  const isWrite = (url: string, method: string) => url.includes(urlPart) && method !== 'GET';
  const saved = page.waitForResponse((r) => isWrite(r.url(), r.request().method()));
  // A click that lands while the dialog is still opening can be lost (seen on a loaded CI machine): click again only
  // while no write has left the page, so the change is never sent twice.
  let sent = false;
  const onRequest = (r: { url(): string; method(): string }) => {
    if (isWrite(r.url(), r.method())) sent = true;
  };
  page.on('request', onRequest);
  try {
    await expect(async () => {
      if (!sent) await dialog.getByRole('button', { name: /确\s*认/ }).click({ timeout: 5_000 });
      expect(sent).toBe(true);
    }).toPass({ timeout: 30_000, intervals: [1_000, 2_000, 3_000] });
  } finally {
    page.off('request', onRequest);
  }
  expect((await saved).ok()).toBe(true);
  await expect(dialog).toBeHidden();
}
