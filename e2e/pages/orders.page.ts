import { expect, type Locator, type Page } from '@playwright/test';
import { confirmChange } from './antd';

/** The fields of items, orders and meetings the browser tests read back (see packages/contracts). */
export interface ApiItem {
  id: string;
  number: string;
  title: string;
  version: number;
}

/**
 * Test data for the order and meeting flows through the API, with the signed-in page's session (cookies, plus the
 * CSRF token from `Me` on writes).
 */
export class DispatchApi {
  constructor(readonly page: Page) {}

  private async send<T>(method: 'POST' | 'PATCH', url: string, data: unknown): Promise<T> {
    const me = await this.page.request.get('/api/v1/me');
    const { csrfToken } = (await me.json()) as { csrfToken: string | null };
    const res = await this.page.request.fetch(url, {
      method,
      data,
      headers: csrfToken ? { 'X-CSRF-Token': csrfToken } : {},
    });
    expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  }

  async unitId(nameZh: string): Promise<string> {
    const res = await this.page.request.get('/api/v1/units/tree');
    const unit = ((await res.json()) as { items: { id: string; nameZh: string }[] }).items.find(
      (u) => u.nameZh === nameZh,
    );
    if (!unit) throw new Error(`No unit ${nameZh}`);
    return unit.id;
  }

  /** Registers an item (submitted to the office). */
  async register(title: string, source = 'unit_report'): Promise<ApiItem> {
    const d = await this.send<{ item: ApiItem }>('POST', '/api/v1/items', {
      title,
      description: '浏览器测试数据',
      category: 'financing',
      source,
      priority: 'normal',
      submit: true,
    });
    return d.item;
  }

  async act(item: ApiItem, action: string, extra: Record<string, unknown> = {}): Promise<ApiItem> {
    const d = await this.send<{ item: ApiItem }>('POST', `/api/v1/items/${item.id}/actions`, {
      action,
      version: item.version,
      ...extra,
    });
    return d.item;
  }

  /** Registers and dispatches an item to a lead unit (optionally with an explicit deadline). */
  async dispatched(title: string, leadName: string, deadline?: Date): Promise<ApiItem> {
    const item = await this.register(title);
    return this.act(item, 'dispatch', {
      leadUnitId: await this.unitId(leadName),
      ...(deadline ? { deadline: deadline.toISOString() } : {}),
    });
  }

  async createMeeting(title: string, attending: string[]): Promise<{ id: string; number: string }> {
    const d = await this.send<{ meeting: { id: string; number: string } }>('POST', '/api/v1/meetings', {
      type: 'special',
      title,
      heldAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: '市政府会议室',
      chair: '副指挥长',
      attendingUnitIds: await Promise.all(attending.map((u) => this.unitId(u))),
    });
    return d.meeting;
  }
}

/** The search box and the xlsx export link of a list page (orders, meetings). */
export class ListExport {
  constructor(
    readonly page: Page,
    readonly searchLabel: string,
  ) {}

  /** Searches by keyword as a user does: types it and presses Enter. */
  async search(text: string): Promise<void> {
    const box = this.page.locator(`input[aria-label="${this.searchLabel}"]`);
    await box.fill(text);
    await box.press('Enter');
  }

  link(): Locator {
    return this.page.getByRole('link', { name: /导出 Excel/ });
  }

  /** The export link's query, once it carries `name` (the page updates the link as the filters change). */
  async query(name: string): Promise<URLSearchParams> {
    await expect(this.link()).toHaveAttribute('href', new RegExp(`[?&]${name}=`));
    return new URL((await this.link().getAttribute('href')) as string, this.page.url()).searchParams;
  }
}

/** The assignment-order screens: list, draft form, detail with its actions. */
export class OrdersPage {
  constructor(readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.goto('/dispatch/orders');
    // The first visit loads the page's chunk; a cold server can take a while.
    await expect(this.page.getByRole('heading', { name: '交办单', level: 4 })).toBeVisible({ timeout: 60_000 });
  }

  async openOrder(id: string): Promise<void> {
    await this.page.goto(`/dispatch/orders/${id}`);
    await expect(this.page.getByText('主送单位与签收情况')).toBeVisible();
  }

  /** Drafts an order from the list page: title, one item picked by its number and title, a feedback date. */
  async draft(title: string, item: { number: string; title: string }, feedbackDue: string): Promise<string> {
    await this.page.getByRole('button', { name: '新建交办单' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建交办单' });
    await dialog.getByLabel('标题').fill(title);
    await this.pickItem(dialog.getByLabel('交办事项'), `${item.number} ${item.title}`);
    await dialog.getByLabel('交办要求').fill('请于反馈日期前书面反馈办理情况。');
    const date = dialog.getByLabel('反馈日期');
    await date.click();
    await date.fill(feedbackDue);
    await date.press('Enter');
    const saved = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/orders') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    expect((await saved).status()).toBe(201);
    await expect(this.page).toHaveURL(/\/dispatch\/orders\/[0-9a-f-]{36}$/);
    return this.page.url().split('/').at(-1) as string;
  }

  /**
   * Picks an item in the multiple-choice item picker: types its label (the server finds it by number), clicks the
   * option, closes the popup (a multiple select stays open) and reads the choice back from the field.
   */
  private async pickItem(field: Locator, label: string): Promise<void> {
    const popup = this.page.locator('.ant-select-dropdown:visible');
    const select = field.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
    await expect(async () => {
      await field.click();
      await field.fill(label);
      await popup.getByTitle(label, { exact: true }).first().click({ timeout: 3_000 });
      await expect(select).toContainText(label, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await field.press('Escape');
    await expect(popup).toHaveCount(0);
  }

  /** Runs a workflow button that asks for confirmation, and waits for the server's answer. */
  async confirmAction(button: string): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    // A click on 确认 while the dialog still zooms in can be lost (seen in CI): confirmChange clicks until it is sent.
    await confirmChange(this.page, '/actions');
  }

  heading() {
    return this.page.getByRole('heading', { level: 4 });
  }

  addresseeRow(unit: string) {
    return this.page.getByRole('table', { name: '主送单位与签收情况' }).getByRole('row', { name: new RegExp(unit) });
  }

  itemRow(title: string) {
    return this.page.getByRole('table', { name: '交办事项' }).getByRole('row', { name: new RegExp(title) });
  }
}

/** The dispatch-meeting detail screen: agenda preparation and decisions. */
export class MeetingPage {
  constructor(readonly page: Page) {}

  async open(id: string): Promise<void> {
    await this.page.goto(`/dispatch/meetings/${id}`);
    // The first visit loads the page's chunk; a cold server on a busy machine can take a while.
    await expect(this.page.getByText('议程', { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  }

  async prepareAgenda(): Promise<void> {
    const done = this.page.waitForResponse(
      (r) => r.url().endsWith('/agenda/prepare') && r.request().method() === 'POST',
    );
    await this.page.getByRole('button', { name: '生成议程' }).click();
    expect((await done).ok()).toBe(true);
  }

  entry(topic: string) {
    return this.page.getByRole('row').filter({ hasText: topic });
  }

  /** Records a decision on an entry with the kind the dialog offers by default. */
  async decide(topic: string, decision: string, kind?: '形成新事项' | '纳入交办单' | '仅记录'): Promise<void> {
    await this.entry(topic).getByRole('button', { name: '记录决定' }).click();
    const dialog = this.page.getByRole('dialog');
    if (kind) await dialog.getByText(kind, { exact: true }).click();
    await dialog.getByLabel('决定内容').fill(decision);
    const done = this.page.waitForResponse((r) => r.url().endsWith('/decision') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    expect((await done).ok()).toBe(true);
    await expect(dialog).toBeHidden();
  }
}
