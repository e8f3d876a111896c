import { expect, type Page, test } from '@playwright/test';
import { LoginPage } from '../pages/login.page';
import { DispatchApi, ListExport, MeetingPage, OrdersPage } from '../pages/orders.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';
const runId = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

async function signedIn(page: Page, username: string): Promise<DispatchApi> {
  await new LoginPage(page).signInAndWait(username, DEMO_PASSWORD);
  return new DispatchApi(page);
}

test('an assignment order is drafted and issued by the office and signed for by 晋江市', async ({ browser }) => {
  const run = runId();
  const hqPage = await browser.newPage();
  const api = await signedIn(hqPage, 'hq');
  const item = await api.dispatched(`晋江鞋企出口退税慢${run}`, '晋江市');
  const orders = new OrdersPage(hqPage);
  let orderId = '';

  await test.step('the office drafts the order from a dispatched item', async () => {
    await orders.openList();
    orderId = await orders.draft(`关于加快出口退税的交办单${run}`, item, '2030-12-31');
    await expect(orders.heading()).toContainText(`关于加快出口退税的交办单${run}`);
    await expect(orders.addresseeRow('晋江市')).toContainText('牵头');
    await expect(orders.addresseeRow('晋江市')).toContainText('未签收');
    await expect(orders.itemRow(item.title)).toContainText(item.number);
  });

  let number = '';
  await test.step('issuing gives it its number 泉内外贸交〔year〕N号', async () => {
    await orders.confirmAction('签 发');
    await expect(orders.heading()).toContainText(/泉内外贸交〔\d{4}〕\d+号/);
    number = ((await orders.heading().textContent())?.match(/泉内外贸交〔\d{4}〕\d+号/) ?? [''])[0];
    await expect(hqPage.getByText('已签发').first()).toBeVisible();
  });

  await test.step('the list’s export link carries its search, and brings the file', async () => {
    await orders.openList();
    const list = new ListExport(hqPage, '标题或文号');
    await list.search(`关于加快出口退税的交办单${run}`);
    await expect(hqPage.getByRole('link', { name: number })).toBeVisible();
    const query = await list.query('q');
    expect(query.get('q')).toBe(`关于加快出口退税的交办单${run}`);
    const file = await hqPage.request.get(`/api/v1/orders/export?${query}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');
  });
  await hqPage.close();

  await test.step('晋江市 finds it in its list and signs for it', async () => {
    const page = await browser.newPage();
    await signedIn(page, 'jinjiang');
    const unitOrders = new OrdersPage(page);
    await unitOrders.openList();
    await page.getByRole('link', { name: number }).click();
    await expect(unitOrders.addresseeRow('晋江市')).toContainText('未签收');
    await unitOrders.confirmAction('签 收');
    await expect(unitOrders.addresseeRow('晋江市')).toContainText(/签收$/);
    await expect(unitOrders.addresseeRow('晋江市').locator('[data-confirmed="true"]')).toBeVisible();
    await expect(page.getByRole('button', { name: '签 收', exact: true })).toHaveCount(0);
    // The server agrees, once.
    const res = await page.request.get(`/api/v1/orders/${orderId}`);
    const body = (await res.json()) as { order: { units: { confirmedAt: string | null }[] }; actions: string[] };
    expect(body.order.units.filter((u) => u.confirmedAt)).toHaveLength(1);
    expect(body.actions).toEqual([]);
    await page.close();
  });
});

test('a dispatch meeting’s agenda shows a red item and a flagged one; a decision puts the red item into an order', async ({
  page,
}) => {
  const run = runId();
  const api = await signedIn(page, 'hq');
  // Red honestly, on the real clock: a deadline a few seconds ahead, then wait until it has passed.
  const red = await api.dispatched(`晋江企业融资难${run}`, '晋江市', new Date(Date.now() + 4_000));
  const flagged = await api.act(await api.dispatched(`石狮服装企业用工缺口${run}`, '石狮市'), 'flag');
  const meeting = await api.createMeeting(`内外贸专题调度会${run}`, ['晋江市', '石狮市']);
  await page.waitForTimeout(5_000);

  const view = new MeetingPage(page);
  await view.open(meeting.id);
  await expect(page.getByRole('heading', { level: 4 })).toContainText(meeting.number);
  await view.prepareAgenda();

  await test.step('the red item is on the agenda as red, under 晋江市; the flagged one under 石狮市', async () => {
    await expect(view.entry(red.title).locator('[data-reason="red"]')).toBeVisible();
    await expect(view.entry(red.title).locator('[data-light="red"]')).toBeVisible();
    await expect(view.entry(flagged.title).locator('[data-reason="flagged"]')).toBeVisible();
    const redGroup = page.locator('.agenda-group').filter({ hasText: red.title });
    await expect(redGroup.getByRole('heading', { level: 5 })).toHaveText('晋江市');
  });

  await test.step('deciding "into an order" puts the red item into the meeting’s draft order', async () => {
    await view.decide(red.title, '由晋江市牵头一周内完成融资对接', '纳入交办单');
    await expect(view.entry(red.title).getByRole('link', { name: '会议交办单（草稿）' })).toBeVisible();
    await view.entry(red.title).getByRole('link', { name: '会议交办单（草稿）' }).click();
    await expect(page.getByRole('table', { name: '交办事项' })).toContainText(red.title);
  });

  await test.step('the meeting list’s export link carries its search', async () => {
    await page.goto('/dispatch/meetings');
    const list = new ListExport(page, '标题或期数');
    await list.search(`内外贸专题调度会${run}`);
    await expect(page.getByRole('link', { name: meeting.number })).toBeVisible();
    expect((await list.query('q')).get('q')).toBe(`内外贸专题调度会${run}`);
  });
});
