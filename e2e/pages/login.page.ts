import { expect, type Page } from '@playwright/test';

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await expect(this.page.getByRole('button', { name: /登\s*录|Sign in/ })).toBeVisible();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel(/^(用户名|User name)$/).fill(username);
    await this.page.getByLabel(/^(密码|Password)$/).fill(password);
    await this.page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  }

  /** Signs in and waits for the workbench. */
  async signInAndWait(username: string, password: string): Promise<void> {
    await this.goto();
    await this.signIn(username, password);
    await expect(this.page.getByRole('navigation')).toBeVisible();
  }

  /** The failure the sign-in page shows. */
  error() {
    // The form's alert, not a toast left over from the page before.
    return this.page.getByRole('alert').and(this.page.locator('.ant-alert'));
  }
}
