import { expect, type Locator, type Page } from '@playwright/test';

/** Page loads wait longer than other checks: the machine running the tests may be busy. */
const LOAD = { timeout: 45_000 };

async function csrf(page: Page): Promise<Record<string, string>> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  return { 'X-CSRF-Token': me.csrfToken };
}

/** The bell in the header and the notifications page with its preferences. */
export class NotificationsPage {
  constructor(readonly page: Page) {}

  /** The bell; its accessible name carries the unread count ("2 条未读通知", or "通知" when none). */
  bell(): Locator {
    return this.page
      .getByRole('banner')
      .getByRole('button', { name: /^(通知|\d+ 条未读通知|Notifications|\d+ unread notifications)$/ });
  }

  async goto(): Promise<void> {
    await this.page.goto('/notifications');
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: /^(消息通知|Notifications)$/ })).toBeVisible(LOAD);
  }

  /** The row of the notification about an item (by its title). */
  row(title: string): Locator {
    return this.page.locator('.ant-table-tbody').getByRole('row').filter({ hasText: title });
  }

  async markAll(): Promise<void> {
    const saved = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/notifications/read') && r.request().method() === 'POST',
    );
    await this.page.getByRole('button', { name: /全部标为已读|Mark all read/ }).click();
    expect((await saved).ok()).toBe(true);
  }

  /** The in-app switch of an event in the preferences card (by the event's label). */
  preference(eventLabel: string): Locator {
    return this.page.getByRole('switch', { name: new RegExp(`^${eventLabel} `) });
  }

  async setPreference(eventLabel: string, on: boolean): Promise<void> {
    const toggle = this.preference(eventLabel);
    await expect(toggle).toBeVisible(LOAD);
    if ((await toggle.isChecked()) === on) return;
    const saved = this.page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/notifications/preferences') && r.request().method() === 'PUT',
    );
    await toggle.click();
    expect((await saved).ok()).toBe(true);
    await expect(toggle).toBeChecked({ checked: on });
  }

  async markAllReadThroughApi(): Promise<void> {
    const res = await this.page.request.post('/api/v1/notifications/read', {
      headers: await csrf(this.page),
      data: {},
    });
    expect(res.ok(), await res.text()).toBe(true);
  }

  /** Whether the signed-in user is told in the app about an event (as saved on the server). */
  async inAppThroughApi(eventType: string): Promise<boolean> {
    const res = await this.page.request.get('/api/v1/notifications/preferences');
    expect(res.ok()).toBe(true);
    const prefs = (await res.json()) as { items: { eventType: string; inApp: boolean }[] };
    return prefs.items.find((p) => p.eventType === eventType)?.inApp ?? true;
  }

  async unreadThroughApi(): Promise<number> {
    const res = await this.page.request.get('/api/v1/notifications/unread');
    expect(res.ok()).toBe(true);
    return ((await res.json()) as { unread: number }).unread;
  }
}

/** The group robots page (系统管理 → 群机器人). */
export class WebhooksPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/system/webhooks');
    await expect(this.page.getByRole('heading', { name: /^(群机器人|Group robots)$/ })).toBeVisible(LOAD);
  }

  row(name: string): Locator {
    return this.page.locator('.ant-table-tbody').first().getByRole('row').filter({ hasText: name });
  }

  async openCreate(): Promise<Locator> {
    await this.page.getByRole('button', { name: /添加机器人|Add robot/ }).click();
    const dialog = this.page.getByRole('dialog', { name: /添加机器人|Add robot/ });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Saves the robot dialog and waits for the write (`POST` a new one, `PATCH` a change) to succeed. */
  async save(dialog: Locator, method: 'POST' | 'PATCH'): Promise<void> {
    const saved = this.page.waitForResponse(
      (r) => r.url().includes('/api/v1/webhooks') && r.request().method() === method,
    );
    await dialog.getByRole('button', { name: /保\s*存|Save/ }).click();
    const res = await saved;
    expect(res.ok(), await res.text()).toBe(true);
    await expect(dialog).toBeHidden();
  }
}
