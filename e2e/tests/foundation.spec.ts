import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
import { AuditPage } from '../pages/audit.page';
import { ChangePasswordPage } from '../pages/change-password.page';
import { LoginPage } from '../pages/login.page';
import { UnitsPage } from '../pages/units.page';
import { UsersPage } from '../pages/users.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';
const HQ = '泉州市内外贸高质量发展总指挥部';

test('admin creates a unit and a user; the user changes the password, sees only the permitted menu; admin sees it all in the audit log', async ({
  page,
}) => {
  const run = Date.now().toString(36);
  const unit = {
    parentName: HQ,
    nameZh: `测试专班${run}`,
    shortName: `测试${run}`.slice(0, 20),
    nameEn: `Test task force ${run}`,
    code: `E2E-${run}`.toUpperCase(),
    typeLabel: '工作专班',
  };
  const user = { username: `e2e.${run}`, displayName: '测试员', unitName: unit.nameZh, roleLabel: '单位工作人员' };
  const newPassword = `Quanzhou-${run}-Ok!`;

  const login = new LoginPage(page);
  const shell = new AppShell(page);
  const units = new UnitsPage(page);
  const users = new UsersPage(page);
  const audit = new AuditPage(page);
  const changePassword = new ChangePasswordPage(page);

  await test.step('admin signs in and sees the full menu, their unit and name', async () => {
    await login.goto();
    await shell.screenshot('01-login');
    await login.signIn('admin', DEMO_PASSWORD);
    await expect(shell.userButton()).toContainText('系统管理员');
    await expect(shell.userButton()).toContainText('总指挥部办公室');
    expect(await shell.menuEntries()).toEqual([
      '工作台',
      '驾驶舱',
      '数据填报',
      '指标管理',
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
    ]);
    await shell.screenshot('02-home-admin');
  });

  await test.step('admin creates a unit under the headquarters', async () => {
    await shell.open('单位管理');
    await units.expectLoaded();
    await units.createUnder(unit);
    await shell.screenshot('03-units');
  });

  let temporaryPassword = '';
  await test.step('admin creates a unit-staff user in it and reads the temporary password', async () => {
    await shell.open('用户管理');
    await users.expectLoaded();
    temporaryPassword = await users.create(user);
    await shell.screenshot('05-users');
  });

  await test.step('admin signs out', async () => {
    await shell.signOut();
  });

  await test.step('the new user signs in and must change the password first', async () => {
    await login.signIn(user.username, temporaryPassword);
    await changePassword.expectShown();
    await shell.screenshot('06-forced-password-change');
    // Nothing else is open until the password is changed.
    await page.goto('/org/users');
    await changePassword.expectShown();
    await changePassword.change(temporaryPassword, newPassword);
    await expect(page).toHaveURL(/\/org\/users$/);
  });

  await test.step('the new user sees only the permitted menu, and 403 elsewhere', async () => {
    expect(await shell.menuEntries()).toEqual([
      '工作台',
      '驾驶舱',
      '数据填报',
      '指标管理',
      '我的待办',
      '调度事项',
      '督办看板',
      '交办单',
      '调度会',
      '通报',
      '单位考评',
      '单位管理',
      '用户管理',
      'API 令牌',
      '个人中心',
    ]);
    await expect(shell.userButton()).toContainText(user.displayName);
    await expect(shell.userButton()).toContainText(unit.nameZh);
    await shell.open('工作台');
    await shell.screenshot('07-home-unit-staff');
    await page.goto('/system/audit');
    await expect(page.getByText('403 · 无权访问')).toBeVisible();
    await page.goto('/no/such/page');
    await expect(page.getByText('404 · 页面不存在')).toBeVisible();
    await shell.signOut();
  });

  await test.step('admin sees all of it in the audit log, with before/after', async () => {
    await login.signIn('admin', DEMO_PASSWORD);
    await shell.open('审计日志');
    await audit.expectLoaded();

    await audit.filter({ action: 'unit.create' });
    const unitDetail = await audit.expand(audit.rows().first());
    await expect(unitDetail.getByRole('columnheader', { name: '变更前' })).toBeVisible();
    await expect(unitDetail.getByRole('columnheader', { name: '变更后' })).toBeVisible();
    await expect(unitDetail.getByText(unit.code, { exact: true })).toBeVisible();
    await expect(unitDetail.getByText(unit.nameZh, { exact: true })).toBeVisible();

    await audit.filter({ action: 'user.create' });
    const userDetail = await audit.expand(audit.rows().first());
    await expect(userDetail.getByText(user.username, { exact: true })).toBeVisible();
    await shell.screenshot('08-audit-user-create');

    await audit.filter({ actor: user.username });
    await expect(audit.rowWith('auth.login_succeeded').first()).toBeVisible();
    await expect(audit.rowWith('user.password_changed')).toHaveCount(1);
    await expect(audit.rowWith('auth.logout')).toHaveCount(1);
    const changed = await audit.expand(audit.rowWith('user.password_changed'));
    await expect(changed.getByRole('columnheader', { name: '变更后' })).toBeVisible();
    await shell.screenshot('09-audit-new-user');
  });
});
