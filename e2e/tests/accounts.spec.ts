import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
import { LoginPage } from '../pages/login.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

/** Each demo account's side menu (the contract's MENU filtered by the account's permissions). */
const UNIT_WORK = ['我的待办', '调度事项', '督办看板', '交办单', '调度会', '通报', '单位考评'];
/** Every government role: the cockpit, the figures (its own unit's, or all for HQ) and the indicators. */
const COCKPIT = ['驾驶舱', '数据填报', '指标管理'];
const MENUS: Record<string, string[]> = {
  admin: [
    '工作台',
    ...COCKPIT,
    '单位管理',
    '用户管理',
    '角色权限',
    '审计日志',
    '数据备份',
    '工作日历',
    '业务设置',
    '群机器人',
    'API 令牌',
    '个人中心',
  ],
  hq: [
    '工作台',
    ...COCKPIT,
    '调度台',
    '调度事项',
    '督办看板',
    '交办单',
    '调度会',
    '通报',
    '单位考评',
    '单位管理',
    '用户管理',
    '角色权限',
    '工作日历',
    'API 令牌',
    '个人中心',
  ],
  leader: [
    '工作台',
    ...COCKPIT,
    '调度事项',
    '督办看板',
    '交办单',
    '调度会',
    '通报',
    '单位考评',
    '单位管理',
    '用户管理',
    '角色权限',
    'API 令牌',
    '个人中心',
  ],
  jinjiang: [
    '工作台',
    ...COCKPIT,
    ...UNIT_WORK,
    '单位管理',
    '用户管理',
    '角色权限',
    '审计日志',
    '群机器人',
    'API 令牌',
    '个人中心',
  ],
  shishi: ['工作台', ...COCKPIT, ...UNIT_WORK, '单位管理', '用户管理', 'API 令牌', '个人中心'],
  group: ['工作台', ...COCKPIT, ...UNIT_WORK, '单位管理', '用户管理', 'API 令牌', '个人中心'],
  enterprise: ['工作台', 'API 令牌', '个人中心'],
  institute: ['工作台', 'API 令牌', '个人中心'],
};

/** Buttons that only an account allowed to use them may see, per page. */
const WRITE_BUTTONS: Record<string, string> = { 单位管理: '新建单位', 用户管理: '新建用户' };
const MAY_WRITE: Record<string, string[]> = { 单位管理: ['admin'], 用户管理: ['admin', 'jinjiang'] };

// The longest file, and read-only (each test only signs in and looks): its tests may go to either worker, which
// keeps the two workers' shares of the suite even.
test.describe.configure({ mode: 'parallel' });

for (const [username, menu] of Object.entries(MENUS)) {
  test(`${username} opens every page of their menu at 1280 px`, async ({ page }) => {
    const shell = new AppShell(page);
    await new LoginPage(page).signInAndWait(username, DEMO_PASSWORD);
    expect(await shell.menuEntries()).toEqual(menu);
    for (const [index, entry] of menu.entries()) {
      await shell.open(entry);
      await expect(page.getByRole('main').getByRole('heading').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
      const button = WRITE_BUTTONS[entry];
      if (button) {
        const expected = MAY_WRITE[entry]?.includes(username) ? 1 : 0;
        await expect(page.getByRole('button', { name: button })).toHaveCount(expected);
      }
      // Nothing sticks out sideways at 1280 px.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${entry} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await shell.screenshot(`accounts/${username}-${index}`);
    }
  });
}
