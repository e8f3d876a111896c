import { type Browser, expect, type Page, test } from '@playwright/test';
import { pickOption } from '../pages/antd';
import { createDispatchedItem } from '../pages/dispatch.page';
import { LoginPage } from '../pages/login.page';
import { NotificationsPage, WebhooksPage } from '../pages/notifications.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

/** hq in a browser context of its own, signed in through the API (no page needed), to dispatch items. */
async function asHq(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.request.post('/api/v1/auth/login', { data: { username: 'hq', password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  return { page, close: () => context.close() };
}

test('晋江市 is told of items dispatched to it: the bell counts them, the page links to them, all marked read, a preference switched off', async ({
  page,
  browser,
}) => {
  const suffix = Date.now().toString(36);
  const titles = [`通知测试：外贸订单融资 ${suffix}`, `通知测试：海外仓选址 ${suffix}`];
  const notifications = new NotificationsPage(page);

  await new LoginPage(page).signInAndWait('jinjiang', DEMO_PASSWORD);
  // The demo history leaves notifications behind: start from none unread.
  await notifications.markAllReadThroughApi();

  const hq = await asHq(browser);
  const ids: string[] = [];
  try {
    for (const title of titles) ids.push(await createDispatchedItem(hq.page, { title, leadUnit: '晋江市' }));

    await test.step('the bell shows two unread and lists them', async () => {
      await page.reload();
      await expect(notifications.bell()).toHaveAccessibleName('2 条未读通知');
      await notifications.bell().click();
      const popover = page.locator('.ant-popover:visible');
      await expect(popover.getByText(`收到交办事项，请及时签收：`).first()).toBeVisible();
      await expect(popover).toContainText(titles[1] as string);
      await popover.getByRole('button', { name: '查看全部' }).click();
      await expect(page).toHaveURL(/\/notifications$/);
    });

    await test.step('the notifications page links to the item; following it reads that one', async () => {
      await notifications.expectLoaded();
      await notifications
        .row(titles[0] as string)
        .getByRole('button', { name: '查看' })
        .click();
      await expect(page).toHaveURL(new RegExp(`/dispatch/items/${ids[0]}$`));
      await expect(page.locator('section.item-header')).toContainText(titles[0] as string, { timeout: 45_000 });
      await expect(notifications.bell()).toHaveAccessibleName('1 条未读通知');
    });

    await test.step('mark all read: the count is gone', async () => {
      await notifications.goto();
      await expect(notifications.row(titles[0] as string)).toContainText('已读');
      await expect(notifications.row(titles[1] as string)).toContainText('未读');
      await notifications.markAll();
      await expect(notifications.row(titles[1] as string)).toContainText('已读');
      await expect(notifications.bell()).toHaveAccessibleName('通知');
    });

    await test.step('switching 事项交办 off stops those notifications, and stays off after a reload', async () => {
      await notifications.setPreference('事项交办', false);
      expect(await notifications.inAppThroughApi('item_dispatched')).toBe(false);
      await createDispatchedItem(hq.page, { title: `通知测试：关闭后不提醒 ${suffix}`, leadUnit: '晋江市' });
      expect(await notifications.unreadThroughApi()).toBe(0);
      // Back on, so that other tests see the default.
      await notifications.setPreference('事项交办', true);
    });
  } finally {
    await hq.close();
  }
});

test('an administrator adds a DingTalk robot for a unit, sends a test (no network here: it fails), and switches it off', async ({
  page,
}) => {
  const name = `晋江市外贸群 ${Date.now().toString(36)}`;
  const webhooks = new WebhooksPage(page);
  await new LoginPage(page).signInAndWait('admin', DEMO_PASSWORD);
  await webhooks.goto();

  await test.step('add the robot for 晋江市; it is listed', async () => {
    const dialog = await webhooks.openCreate();
    await pickOption(page, dialog.getByLabel('所属单位'), '晋江市');
    await dialog.getByLabel('名称').fill(name);
    await dialog
      .getByLabel('Webhook 地址')
      .fill('https://oapi.dingtalk.com/robot/send?access_token=e2e0123456789abcdef');
    await dialog.getByLabel('加签密钥').fill('SECe2e0123456789abcdef0123456789abcdef');
    await webhooks.save(dialog, 'POST');
    const row = webhooks.row(name);
    await expect(row).toContainText('晋江市');
    await expect(row).toContainText('钉钉');
    await expect(row).toContainText('全部事件');
    // The token is never shown in full.
    await expect(row).not.toContainText('e2e0123456789abcdef');
  });

  await test.step('a test message cannot reach DingTalk: the failure is shown, and recorded as a failed delivery', async () => {
    const sent = page.waitForResponse((r) => /\/api\/v1\/webhooks\/[^/]+\/test$/.test(r.url()));
    await webhooks
      .row(name)
      .getByRole('button', { name: `发送测试消息 ${name}` })
      .click();
    expect((await sent).ok()).toBe(true);
    await expect(page.locator('.ant-message')).toContainText('测试消息发送失败');
    await expect(webhooks.row(name)).toContainText('失败 1');
    await expect(webhooks.row(name)).toContainText('最近错误');
    await webhooks
      .row(name)
      .getByRole('button', { name: /展开行|Expand row/ })
      .click();
    const deliveries = page.locator('.ant-table-expanded-row').filter({ hasText: '最近投递' });
    const delivery = deliveries.getByRole('row').filter({ hasText: '测试消息' });
    await expect(delivery).toContainText('失败');
    await expect(delivery).toContainText('【刺桐');
  });

  await test.step('switch it off: marked 已停用, no test possible', async () => {
    await webhooks
      .row(name)
      .getByRole('button', { name: `编辑 ${name}` })
      .click();
    const dialog = page.getByRole('dialog', { name: '编辑机器人' });
    await expect(dialog.getByLabel('启用')).toBeChecked();
    await dialog.getByLabel('启用').click();
    await expect(dialog.getByLabel('启用')).not.toBeChecked();
    await webhooks.save(dialog, 'PATCH');
    await expect(webhooks.row(name)).toContainText('已停用');
    await expect(webhooks.row(name).getByRole('button', { name: `发送测试消息 ${name}` })).toBeDisabled();
  });
});
