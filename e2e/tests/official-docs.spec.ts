import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { LoginPage } from '../pages/login.page';
import { DispatchApi, OrdersPage } from '../pages/orders.page';
import { zipEntry } from '../pages/zip';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';
const runId = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

async function signedIn(page: Page, username: string): Promise<DispatchApi> {
  await new LoginPage(page).signInAndWait(username, DEMO_PASSWORD);
  return new DispatchApi(page);
}

async function csrf(page: Page): Promise<Record<string, string>> {
  const { csrfToken } = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  return { 'X-CSRF-Token': csrfToken };
}

test('the admin sets the copy-to line; the issued order downloads as a Word file with its number', async ({
  browser,
}) => {
  const run = runId();
  const copyTo = `市委办公室${run}`;

  await test.step('the admin edits the document settings on the settings page', async () => {
    const page = await browser.newPage();
    await signedIn(page, 'admin');
    await page.goto('/system/settings');
    const card = page.getByTestId('document-settings');
    await expect(card.getByLabel('发文机关全称')).toHaveValue('泉州市内外贸高质量发展总指挥部', { timeout: 60_000 });
    await expect(card.getByTestId('minutes-number-preview')).toContainText(/泉内外贸纪〔\d{4}〕3号/);
    await card.getByLabel('抄送').fill(copyTo);
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/settings/documents') && r.request().method() === 'PUT',
    );
    await card.getByRole('button', { name: /保\s*存/ }).click();
    expect((await saved).status()).toBe(200);
    await expect(page.getByText('公文设置已保存')).toBeVisible();
    await page.close();
  });

  const page = await browser.newPage();
  const api = await signedIn(page, 'hq');
  const item = await api.dispatched(`晋江鞋企出口退税慢${run}`, '晋江市');
  const created = await page.request.post('/api/v1/orders', {
    data: { title: `关于加快出口退税的交办单${run}`, itemIds: [item.id], feedbackDue: '2030-12-31' },
    headers: await csrf(page),
  });
  expect(created.status()).toBe(201);
  const draft = (await created.json()) as { order: { id: string; version: number } };
  const issued = await page.request.post(`/api/v1/orders/${draft.order.id}/actions`, {
    data: { action: 'issue', version: draft.order.version },
    headers: await csrf(page),
  });
  expect(issued.status()).toBe(200);
  const number = ((await issued.json()) as { order: { number: string } }).order.number;
  expect(number).toMatch(/^泉内外贸交〔\d{4}〕\d+号$/);

  await test.step('下载 Word on the order page saves 交办单-<number>.docx holding the number, item and units', async () => {
    const orders = new OrdersPage(page);
    await orders.openOrder(draft.order.id);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 Word' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe(`交办单-${number}.docx`);
    const bytes = readFileSync((await file.path()) as string);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const text = zipEntry(bytes, 'word/document.xml')
      .toString('utf8')
      .replace(/<[^>]+>/g, '');
    expect(text).toContain(number);
    expect(text).toContain(`晋江鞋企出口退税慢${run}`);
    expect(text).toContain('晋江市');
    expect(text).toContain(copyTo);
    await expect(page.getByRole('button', { name: '下载 PDF' })).toBeVisible();
  });
  await page.close();
});
