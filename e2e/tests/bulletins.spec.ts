import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
import { BulletinsPage } from '../pages/bulletins.page';
import { LoginPage } from '../pages/login.page';
import { docxText } from '../pages/zip';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

test('hq builds, edits and publishes a month bulletin; 晋江市 reads it and shows up in the receipts', async ({
  browser,
}) => {
  const run = `${Date.now().toString(36)}`;
  const opening = `本月全市内外贸工作总体平稳，浏览器测试${run}。`;
  const page = await browser.newPage();
  const shell = new AppShell(page);
  const bulletins = new BulletinsPage(page);
  await new LoginPage(page).signInAndWait('hq', DEMO_PASSWORD);

  const id =
    await test.step('the builder generates this month with its progress shown, then opens the draft', async () => {
      await bulletins.gotoArchive();
      return bulletins.buildThisMonth();
    });
  const title = (await page.getByRole('heading', { level: 4 }).textContent()) ?? '';
  expect(title).toMatch(/通报/);

  await test.step('the draft shows its figures; the edited opening is saved as version 2', async () => {
    await expect(page.getByTestId('bulletin-number')).toHaveText('草稿');
    await expect(bulletins.figure('opened')).toContainText(/\d/);
    await expect(bulletins.figure('resolvedOnTime')).toContainText(/%|—/);
    await expect(page.getByRole('table', { name: '各单位情况' }).getByRole('row').nth(1)).toBeVisible();
    await bulletins.editOpening(opening);
    await expect(page.getByTestId('bulletin-text-opening')).toContainText(opening);
    await page.getByRole('button', { name: /历史版本/ }).click();
    const versions = page.getByTestId('bulletin-versions');
    await expect(versions).toContainText('第 2 版');
    await expect(versions).toContainText('第 1 版');
    await page.locator('.ant-drawer-close').click();
    await expect(versions).toBeHidden();
  });

  const number = await test.step('publishing numbers it; the Word file holds the title and number', async () => {
    const published = await bulletins.publish();
    expect(published).toMatch(/^泉内外贸通〔\d{4}〕\d+号$/);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 Word' }).click();
    const text = docxText(readFileSync((await (await downloading).path()) as string));
    expect(text).toContain(published);
    expect(text).toContain(title);
    await shell.screenshot('bulletin-published');
    return published;
  });

  await test.step('晋江市 opens it from the archive, read-only', async () => {
    const unitPage = await browser.newPage();
    await new LoginPage(unitPage).signInAndWait('jinjiang', DEMO_PASSWORD);
    const unit = new BulletinsPage(unitPage);
    await unit.gotoArchive();
    const read = unitPage.waitForResponse((r) => r.url().endsWith(`/api/v1/bulletins/${id}`) && r.ok());
    await unitPage.getByRole('link', { name: number }).click();
    await read;
    await expect(unitPage.getByTestId('bulletin-text-opening')).toContainText(opening);
    await expect(unitPage.getByRole('button', { name: /编辑文字|印\s*发|历史版本/ })).toHaveCount(0);
    await unitPage.close();
  });

  await test.step('back as hq, the receipts list 晋江市 as read', async () => {
    await page.reload();
    const receipts = page.getByTestId('bulletin-receipts');
    await expect(receipts.getByRole('row', { name: /晋江市/ })).toBeVisible();
    await expect(page.getByTestId('bulletin-unread-units')).not.toContainText('晋江市');
  });
  await page.close();
});
