import { expect, type Page } from '@playwright/test';

/** The frame around every signed-in page: side menu, header with unit and name, user menu. */
export class AppShell {
  constructor(readonly page: Page) {}

  get menu() {
    return this.page.getByRole('navigation');
  }

  async menuEntries(): Promise<string[]> {
    const items = this.menu.getByRole('menuitem');
    await expect(items.first()).toBeVisible();
    return (await items.allInnerTexts()).map((s) => s.trim());
  }

  async open(entry: string): Promise<void> {
    await this.menu.getByRole('menuitem', { name: entry }).click();
  }

  userButton() {
    return this.page.getByRole('button', { name: /^(用户菜单|User menu)/ });
  }

  /**
   * Signing out is idempotent, so a click lost while the user menu animates in (seen on a busy CI machine:
   * the page stayed put) is simply tried again until the sign-in page shows.
   */
  async signOut(): Promise<void> {
    await expect(async () => {
      if (!/\/login/.test(this.page.url())) {
        await this.userButton().click({ timeout: 5_000 });
        await this.page.getByRole('menuitem', { name: /退出登录|Sign out$/ }).click({ timeout: 5_000 });
      }
      await expect(this.page).toHaveURL(/\/login/, { timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
  }

  /**
   * Switches the UI language and returns once the page shows it. Signed in, the page changes language only
   * after the account has saved it (PATCH /me), so a later sign-in opens in that language. A click lost while
   * the dropdown animates in (seen once on a busy CI machine: no request was sent) is simply tried again.
   */
  async switchLanguage(label: '简体中文' | 'English'): Promise<void> {
    const lang = label === 'English' ? 'en-US' : 'zh-CN';
    const html = this.page.locator('html');
    await expect(async () => {
      if ((await html.getAttribute('lang')) !== lang) {
        const item = this.page.getByRole('menuitem', { name: label });
        if (!(await item.isVisible())) {
          await this.page.getByRole('button', { name: /切换语言|Switch language/ }).click({ timeout: 5_000 });
        }
        await item.click({ timeout: 5_000 });
      }
      await expect(html).toHaveAttribute('lang', lang, { timeout: 15_000 });
    }).toPass({ timeout: 60_000 });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({
      path: `test-results/screenshots/${name}.png`,
      fullPage: true,
      animations: 'disabled',
    });
  }
}
