import { expect, type Page, type Response } from '@playwright/test';

/** The cockpit (一看): headline tiles, the county view, the trend, the league table, the drill-down drawer. */
export class CockpitPage {
  constructor(readonly page: Page) {}

  /** Opens the cockpit; answers the API's cockpit (its latest period and headline). */
  async goto(): Promise<{ year: number; month: number; headline: { indicator: { code: string; nameZh: string } }[] }> {
    const answer = this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cockpit' && r.ok());
    await this.page.goto('/cockpit');
    const body = await (await answer).json();
    await expect(this.page.getByRole('heading', { name: /^(驾驶舱|Cockpit)$/ })).toBeVisible();
    return body;
  }

  tile(code: string) {
    return this.page.locator(`[data-testid="headline-tile"][data-code="${code}"]`);
  }

  countyView() {
    return this.page.getByTestId('county-view');
  }

  countyRows() {
    return this.page.getByTestId('county-table').locator('tbody tr.ant-table-row');
  }

  leagueRows() {
    return this.page.getByTestId('league-table').locator('tbody tr.ant-table-row');
  }

  /** The league table fits its card: every column on screen, no sideways scroll (at 1280 px too). */
  async expectLeagueFits(): Promise<void> {
    await expect(this.leagueRows().first()).toBeVisible();
    const table = this.page.getByTestId('league-table').locator('.ant-table-content, .ant-table-body').first();
    const sideways = await table.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(sideways, `the league table scrolls sideways by ${sideways} px`).toBeLessThanOrEqual(0);
  }

  /** The drill-down drawer's panel. */
  drawer() {
    return this.page.locator('.ant-drawer-section');
  }

  /** Waits for the next answer of a cockpit route (path under /api/v1/cockpit). */
  answer(path: string, match: (url: URL) => boolean = () => true): Promise<Response> {
    return this.page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === `/api/v1/cockpit${path}` && match(url) && r.ok();
    });
  }

  async closeDrawer(): Promise<void> {
    await this.page.locator('.ant-drawer-close').click();
    await expect(this.page.getByTestId('figure-detail')).toBeHidden();
  }
}
