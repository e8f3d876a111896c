import { expect, type Locator, type Page } from '@playwright/test';
import { pickOption, settle } from './antd';

export interface NewItem {
  title: string;
  description: string;
  categoryLabel: string;
  priorityLabel?: '特急' | '紧急' | '一般';
}

/** antd spaces out two-character Chinese button labels ("签 收"): match them either way. */
export const spaced = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);

/** Page loads wait longer than other checks: the machine running the tests may be busy. */
const LOAD = { timeout: 45_000 };

/**
 * Test data through the API with the signed-in page's session: registers an item and dispatches it (as hq),
 * so that a UI test can start from an item already in a unit's queue.
 */
export async function createDispatchedItem(
  page: Page,
  item: { title: string; leadUnit: string; coUnits?: string[] },
): Promise<string> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': me.csrfToken };
  const units = (await (await page.request.get('/api/v1/units/tree')).json()) as {
    items: { id: string; nameZh: string }[];
  };
  const unitId = (name: string) => {
    const unit = units.items.find((u) => u.nameZh === name);
    if (!unit) throw new Error(`No unit ${name}`);
    return unit.id;
  };
  const created = await page.request.post('/api/v1/items', {
    headers,
    data: {
      title: item.title,
      description: '',
      category: 'other',
      source: 'unit_report',
      priority: 'normal',
      submit: true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const detail = (await created.json()) as { item: { id: string; version: number } };
  const dispatched = await page.request.post(`/api/v1/items/${detail.item.id}/actions`, {
    headers,
    data: {
      action: 'dispatch',
      version: detail.item.version,
      leadUnitId: unitId(item.leadUnit),
      coUnitIds: (item.coUnits ?? []).map(unitId),
    },
  });
  expect(dispatched.status(), await dispatched.text()).toBe(200);
  return detail.item.id;
}

/** The dispatch screens: the item list, my queue, the board, the item page and its action dialog. */
export class DispatchPage {
  constructor(readonly page: Page) {}

  async gotoItems(): Promise<void> {
    await this.page.goto('/dispatch/items');
    await expect(this.page.getByRole('heading', { name: '调度事项' })).toBeVisible(LOAD);
  }

  async gotoQueue(): Promise<void> {
    await this.page.goto('/dispatch/queue');
    await expect(this.page.getByRole('heading', { name: '我的待办' })).toBeVisible(LOAD);
  }

  async gotoBoard(): Promise<void> {
    await this.page.goto('/dispatch/board');
    await expect(this.page.getByRole('heading', { name: '调度台' })).toBeVisible(LOAD);
  }

  async gotoItem(id: string): Promise<void> {
    await this.page.goto(`/dispatch/items/${id}`);
    await expect(this.header()).toBeVisible(LOAD);
  }

  /** The item page's header (number, title, tags, action buttons). */
  header(): Locator {
    return this.page.locator('section.item-header');
  }

  /** The id of the item the page shows, from the URL. */
  itemId(): string {
    const match = this.page.url().match(/\/dispatch\/items\/([0-9a-f-]{36})/);
    if (!match?.[1]) throw new Error(`Not on an item page: ${this.page.url()}`);
    return match[1];
  }

  /** Registers an item through the list page's dialog (submitted for dispatch at once); lands on the item. */
  async register(item: NewItem): Promise<string> {
    await this.page.getByRole('button', { name: '登记事项' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记事项' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('事项名称').fill(item.title);
    await dialog.getByLabel('事项描述').fill(item.description);
    await pickOption(this.page, dialog.getByLabel('类别'), item.categoryLabel);
    if (item.priorityLabel) await dialog.getByText(item.priorityLabel, { exact: true }).click();
    await expect(dialog.getByRole('checkbox', { name: '登记后立即提交分派' })).toBeChecked();
    const created = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/items') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    expect((await created).status()).toBe(201);
    await expect(this.page).toHaveURL(/\/dispatch\/items\/[0-9a-f-]{36}$/);
    await expect(this.header()).toContainText(item.title, LOAD);
    return this.itemId();
  }

  /** Opens an action's dialog from the item page's buttons. */
  async openAction(label: string): Promise<Locator> {
    await this.header()
      .getByRole('button', { name: spaced(label) })
      .click();
    const dialog = this.page.getByRole('dialog').filter({ hasText: label });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Sends the open action dialog (its OK button carries the action's name) and waits for the server. */
  async submitAction(dialog: Locator, label: string, shot?: string): Promise<void> {
    if (shot) {
      await settle(this.page);
      await this.page.screenshot({ path: `test-results/screenshots/${shot}.png` });
    }
    const done = this.page.waitForResponse((r) => r.url().includes('/actions') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: spaced(label) }).click();
    expect((await done).status()).toBe(200);
    await expect(dialog).toBeHidden();
  }

  /** Dispatches the item shown: lead unit, co-units, default deadline (shown in the dialog). */
  async dispatch(leadUnit: string, coUnits: string[]): Promise<void> {
    const dialog = await this.openAction('分派');
    await pickOption(this.page, dialog.getByLabel('牵头单位'), leadUnit);
    for (const unit of coUnits) await this.pickMany(dialog.getByLabel('配合单位（可多选）'), unit);
    // The default deadline (by priority, in working days) is shown before anything is picked.
    await expect(dialog.getByText(/默认 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（\d+ 个工作日，按紧急程度）/)).toBeVisible();
    await this.submitAction(dialog, '分派', 'dispatch-20-dispatch-dialog');
  }

  /** Adds one value to a multiple select (its popup stays open after a pick, so close it). */
  async pickMany(field: Locator, label: string): Promise<void> {
    const popup = this.page.locator('.ant-select-dropdown:visible');
    const select = field.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
    await expect(async () => {
      if ((await popup.count()) === 0) await field.click();
      await field.fill(label);
      await popup.getByTitle(label, { exact: true }).first().click({ timeout: 3_000 });
      await expect(select).toContainText(label, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await field.press('Escape');
    await expect(popup).toHaveCount(0);
  }

  async expectState(label: string): Promise<void> {
    await expect(this.header().locator('[data-state]')).toHaveText(label);
  }

  async expectActions(labels: string[]): Promise<void> {
    const toolbar = this.header().getByRole('toolbar');
    for (const label of labels) await expect(toolbar.getByRole('button', { name: spaced(label) })).toBeVisible();
  }

  /** A row of the table (or card list) that shows the item's title. */
  row(title: string): Locator {
    return this.page.getByRole('row').filter({ hasText: title });
  }

  tab(label: RegExp | string): Locator {
    return this.page.getByRole('tab', { name: label });
  }

  timeline(): Locator {
    return this.page.getByTestId('timeline-entry');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({
      path: `test-results/screenshots/${name}.png`,
      fullPage: true,
      animations: 'disabled',
    });
  }
}
