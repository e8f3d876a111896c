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

  async signOut(): Promise<void> {
    await this.userButton().click();
    await this.page.getByRole('menuitem', { name: /退出登录|Sign out$/ }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }

  async switchLanguage(label: '简体中文' | 'English'): Promise<void> {
    await this.page.getByRole('button', { name: /切换语言|Switch language/ }).click();
    await this.page.getByRole('menuitem', { name: label }).click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({
      path: `test-results/screenshots/${name}.png`,
      fullPage: true,
      animations: 'disabled',
    });
  }
}
