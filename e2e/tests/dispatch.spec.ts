import { expect, type Page, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
import { createDispatchedItem, DispatchPage, spaced } from '../pages/dispatch.page';
import { LoginPage } from '../pages/login.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

async function signInAs(page: Page, username: string): Promise<DispatchPage> {
  if (await page.getByRole('navigation').isVisible()) await new AppShell(page).signOut();
  await new LoginPage(page).signInAndWait(username, DEMO_PASSWORD);
  return new DispatchPage(page);
}

test('an item goes round the loop: hq registers and dispatches, 晋江市 signs, 石狮市 adds its part, 晋江市 resolves, hq verifies and rates', async ({
  page,
}) => {
  // Six sign-ins and a dozen screens: more than the default budget on a busy machine.
  test.setTimeout(600_000);
  const title = `出口企业海外仓融资难题 ${Date.now().toString(36)}`;
  let id = '';

  await test.step('hq registers an item from the item list; it waits for dispatch', async () => {
    const dispatch = await signInAs(page, 'hq');
    await dispatch.gotoItems();
    await expect(page.getByRole('button', { name: '协调请求（一协调）' })).toBeVisible();
    await expect(page.getByRole('link', { name: /导出 Excel/ })).toHaveAttribute('href', /\/api\/v1\/items\/export/);
    id = await dispatch.register({
      title,
      description: '多家鞋服出口企业反映海外仓建设资金缺口较大，需协调金融机构支持。',
      categoryLabel: '融资',
      priorityLabel: '紧急',
    });
    await dispatch.expectState('待分派');
    await dispatch.expectActions(['分派', '撤销', '合并']);
  });

  await test.step('hq dispatches it to 晋江市 with 石狮市 as co-unit; the clock starts green', async () => {
    const dispatch = new DispatchPage(page);
    await dispatch.dispatch('晋江市', ['石狮市']);
    await dispatch.expectState('待签收');
    await expect(dispatch.header().locator('[data-light="green"]')).toHaveText('正常');
    await expect(dispatch.header()).toContainText('晋江市');
    await expect(dispatch.header()).toContainText(/剩余 \d+ 个工作日/);
    await expect(page.getByText('石狮市').first()).toBeVisible();
    await dispatch.screenshot('dispatch-21-assigned');
  });

  await test.step('jinjiang finds it among the items to sign and signs for it', async () => {
    const dispatch = await signInAs(page, 'jinjiang');
    await dispatch.gotoQueue();
    await expect(dispatch.tab(/待签收/)).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('link', { name: title }).click();
    await dispatch.expectState('待签收');
    await dispatch.expectActions(['签收', '退单']);
    const dialog = await dispatch.openAction('签收');
    await dispatch.submitAction(dialog, '签收');
    await dispatch.expectState('办理中');
    await dispatch.expectActions(['办结', '申请延期', '报送进展']);
  });

  await test.step('shishi sees it among its co-unit parts and adds 石狮市’s part', async () => {
    const dispatch = await signInAs(page, 'shishi');
    await dispatch.gotoQueue();
    await dispatch.tab(/配合事项/).click();
    await page.getByRole('link', { name: title }).click();
    await expect(
      dispatch
        .header()
        .getByRole('toolbar')
        .getByRole('button', { name: spaced('办结') }),
    ).toHaveCount(0);
    const dialog = await dispatch.openAction('反馈配合意见');
    await dialog.getByLabel('配合意见').fill('石狮市已对接两家银行，可提供海外仓专项贷款。');
    await dispatch.submitAction(dialog, '反馈配合意见');
    await expect(page.getByText('石狮市已对接两家银行，可提供海外仓专项贷款。').first()).toBeVisible();
    await expect(page.getByText('已反馈', { exact: true })).toBeVisible();
  });

  await test.step('jinjiang resolves it with an answer', async () => {
    const dispatch = await signInAs(page, 'jinjiang');
    await dispatch.gotoItem(id);
    const dialog = await dispatch.openAction('办结');
    await dialog
      .getByLabel('办理结果')
      .fill('已协调晋江农商行、石狮农商行提供专项贷款 3000 万元，企业资金缺口已解决。');
    await dispatch.submitAction(dialog, '办结', 'dispatch-22-resolve-dialog');
    await dispatch.expectState('待核验');
  });

  await test.step('hq verifies it from the board’s to-verify list', async () => {
    const dispatch = await signInAs(page, 'hq');
    await dispatch.gotoBoard();
    await dispatch.tab(/待核验事项/).click();
    await dispatch
      .row(title)
      .getByRole('button', { name: /核验销号/ })
      .click();
    const dialog = page.getByRole('dialog').filter({ hasText: '核验销号' });
    await expect(dialog).toBeVisible();
    await dispatch.submitAction(dialog, '核验销号');
    await dispatch.gotoItem(id);
    await dispatch.expectState('已销号');
  });

  await test.step('hq, who raised it, rates the answer 5; the timeline tells the whole story', async () => {
    const dispatch = new DispatchPage(page);
    const dialog = await dispatch.openAction('评价');
    await dialog.locator('.ant-rate-star').nth(4).click();
    await dialog.getByLabel('评价意见（可选）').fill('响应迅速，问题解决彻底。');
    await dispatch.submitAction(dialog, '评价');
    await expect(page.getByText('5 分')).toBeVisible();
    await expect(
      dispatch
        .header()
        .getByRole('toolbar')
        .getByRole('button', { name: spaced('评价') }),
    ).toHaveCount(0);
    for (const step of ['登记', '分派', '签收', '反馈配合意见', '办结', '核验销号', '评价']) {
      await expect(dispatch.timeline().filter({ hasText: step }).first()).toBeVisible();
    }
    await dispatch.screenshot('dispatch-23-closed-and-rated');
  });
});

test('the queue and the item page read on a phone (375 px)', async ({ page }) => {
  const title = `石材出口遭遇技术性贸易壁垒 ${Date.now().toString(36)}`;
  await signInAs(page, 'hq');
  const id = await createDispatchedItem(page, { title, leadUnit: '晋江市', coUnits: ['石狮市'] });
  const dispatch = await signInAs(page, 'jinjiang');
  await page.setViewportSize({ width: 375, height: 800 });
  const noSideScroll = async () =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);

  await dispatch.gotoQueue();
  // A card per item on a phone, not a table.
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await noSideScroll();
  await dispatch.screenshot('dispatch-30-queue-375');

  await dispatch.gotoItem(id);
  await dispatch.expectActions(['签收', '退单']);
  await noSideScroll();
  await dispatch.screenshot('dispatch-31-item-375');
});
