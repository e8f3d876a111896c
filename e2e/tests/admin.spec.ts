import { expect, type Page, test } from '@playwright/test';
import { pickOption } from '../pages/antd';
import { Api } from '../pages/api';
import { AppShell } from '../pages/app-shell.page';
import { ChangePasswordPage } from '../pages/change-password.page';
import { LoginPage } from '../pages/login.page';
import { UnitsPage } from '../pages/units.page';
import { UsersPage } from '../pages/users.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';
const HQ = '泉州市内外贸高质量发展总指挥部';
const JINJIANG = '晋江市';
const SHISHI = '石狮市';

/** A suffix that keeps codes and names unique per run and per test. */
const runId = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

async function signedIn(page: Page, username: string): Promise<{ shell: AppShell; api: Api }> {
  await new LoginPage(page).signInAndWait(username, DEMO_PASSWORD);
  return { shell: new AppShell(page), api: new Api(page) };
}

/** A task force under the headquarters, created through the API, named after `run`. */
async function taskForce(api: Api, run: string, parentName = HQ) {
  const parent = await api.unitByName(parentName);
  return api.createUnit({
    code: `E2E-${run}`.toUpperCase(),
    nameZh: `测试专班${run}`,
    nameEn: `Test task force ${run}`,
    shortName: `测试${run}`.slice(0, 20),
    type: 'task_force',
    parentId: parent.id,
  });
}

test('unit admin creates a user in their own unit only, with the roles they may grant, and sees no other unit', async ({
  page,
}) => {
  const run = runId();
  const { shell, api } = await signedIn(page, 'jinjiang');
  const users = new UsersPage(page);
  await shell.open('用户管理');
  await users.expectLoaded();

  await test.step('the list shows only users of 晋江市', async () => {
    await expect(users.row('jinjiang')).toBeVisible();
    await expect(users.row('shishi')).toHaveCount(0);
    await page.getByRole('searchbox', { name: '用户名或姓名' }).fill('shishi');
    await page.getByRole('searchbox', { name: '用户名或姓名' }).press('Enter');
    await expect(page.getByRole('img', { name: '暂无数据' })).toBeVisible();
    // The server agrees: every user it lists belongs to 晋江市, and a filter on 石狮市 finds no one.
    const listed = await api.users();
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((u) => u.unit?.nameZh === JINJIANG)).toBe(true);
    const shishi = await api.unitByName(SHISHI);
    expect((await api.users({ unitId: shishi.id })).total).toBe(0);
    await page.getByRole('button', { name: /重\s*置/ }).click();
  });

  await test.step('the new-user form offers only 晋江市 and the two roles a unit admin may grant', async () => {
    const dialog = await users.openCreate();
    await expect(dialog.getByRole('checkbox')).toHaveCount(2);
    await expect(dialog.getByRole('checkbox', { name: '单位工作人员' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: '单位管理员' })).not.toBeChecked();
    // The unit defaults to the admin's own; every other unit is shown but cannot be picked.
    const unitField = dialog
      .getByLabel('所属单位')
      .locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
    await expect(unitField).toContainText(JINJIANG);
    await dialog.getByLabel('所属单位').click();
    const popup = page.locator('.ant-select-dropdown:visible');
    await expect(popup.locator('.ant-select-tree-treenode-disabled').getByTitle(SHISHI, { exact: true })).toBeVisible();
    await expect(popup.locator('.ant-select-tree-treenode-disabled').getByTitle(HQ, { exact: true })).toBeVisible();
    await expect(popup.locator('.ant-select-tree-treenode-disabled').getByTitle(JINJIANG, { exact: true })).toHaveCount(
      0,
    );
    await page.keyboard.press('Escape');
    await expect(popup).toHaveCount(0);

    await dialog.getByLabel('用户名').fill(`jj.${run}`);
    await dialog.getByLabel('姓名').fill('晋江新人');
    await dialog.getByRole('checkbox', { name: '单位管理员' }).check();
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    expect((await created).status()).toBe(201);
    await users.readTemporaryPassword('30-unit-admin-temporary-password');
  });

  await test.step('the new user is listed in 晋江市 with both roles', async () => {
    const row = users.row(`jj.${run}`);
    await expect(row).toContainText(JINJIANG);
    await expect(row).toContainText('单位管理员');
    await expect(row).toContainText('单位工作人员');
    const user = await api.userByName(`jj.${run}`);
    expect(user.unit?.nameZh).toBe(JINJIANG);
    expect([...user.roles].sort()).toEqual(['unit_admin', 'unit_staff']);
    await shell.screenshot('31-users-unit-admin');
  });
});

test('system admin moves a unit, deactivates it (hidden unless inactive units are shown) and activates it again', async ({
  page,
}) => {
  const run = runId();
  const { shell, api } = await signedIn(page, 'admin');
  const unit = await taskForce(api, run);
  const units = new UnitsPage(page);
  await shell.open('单位管理');
  await units.expectLoaded();

  await test.step('move it under 晋江市', async () => {
    await units.move(unit.nameZh, JINJIANG);
    const jinjiang = await api.unitByName(JINJIANG);
    expect((await api.unitByName(unit.nameZh)).parentId).toBe(jinjiang.id);
    // The tree shows it right below its new parent's row.
    await expect(units.row(JINJIANG).locator('xpath=following-sibling::tr[1]')).toContainText(unit.nameZh);
  });

  await test.step('deactivate it: it disappears unless inactive units are shown', async () => {
    await units.moreAction(unit.nameZh, '停用');
    await units.confirm();
    await expect(page.getByText('单位已停用')).toBeVisible();
    await expect(units.row(unit.nameZh)).toHaveCount(0);
    await units.showInactive(true);
    await expect(units.row(unit.nameZh)).toContainText('已停用');
    await shell.screenshot('32-units-inactive-shown');
    expect((await api.unitByName(unit.nameZh)).active).toBe(false);
  });

  await test.step('activate it again: it stays visible with inactive units hidden', async () => {
    await units.moreAction(unit.nameZh, '启用');
    await units.confirm();
    await expect(page.getByText('单位已启用')).toBeVisible();
    await units.showInactive(false);
    await expect(units.row(unit.nameZh)).toContainText('启用');
    await expect(units.row(unit.nameZh)).not.toContainText('已停用');
    expect((await api.unitByName(unit.nameZh)).active).toBe(true);
  });
});

test('system admin changes roles, locks (sign-in refused), re-activates and resets the password of a user', async ({
  page,
}) => {
  const run = runId();
  const { shell, api } = await signedIn(page, 'admin');
  const jinjiang = await api.unitByName(JINJIANG);
  const username = `lock.${run}`;
  const displayName = `锁定测试${run}`.slice(0, 20);
  const { temporaryPassword } = await api.createUser({
    username,
    displayName,
    unitId: jinjiang.id,
    roles: ['unit_staff'],
  });
  const users = new UsersPage(page);
  const login = new LoginPage(page);
  await shell.open('用户管理');
  await users.expectLoaded();
  await page.getByRole('searchbox', { name: '用户名或姓名' }).fill(username);
  await page.getByRole('searchbox', { name: '用户名或姓名' }).press('Enter');
  await expect(users.row(username)).toBeVisible();

  await test.step('change the roles', async () => {
    await users.setRoles(username, displayName, ['单位管理员']);
    await expect(users.row(username)).toContainText('单位管理员');
    await expect(users.row(username)).not.toContainText('单位工作人员');
    expect((await api.userByName(username)).roles).toEqual(['unit_admin']);
  });

  await test.step('lock the user: the sign-in page refuses them', async () => {
    await users.setStatus(username, '锁定');
    await expect(users.row(username)).toContainText('已锁定');
    await shell.signOut();
    await login.signIn(username, temporaryPassword);
    await expect(login.error()).toContainText('账号已停用或被锁定，请联系管理员');
    await expect(page).toHaveURL(/\/login/);
    await shell.screenshot('33-login-locked');
  });

  let resetPassword = '';
  await test.step('re-activate the user and reset the password; the new one is shown once', async () => {
    await login.signIn('admin', DEMO_PASSWORD);
    await expect(shell.menu).toBeVisible();
    await shell.open('用户管理');
    await page.getByRole('searchbox', { name: '用户名或姓名' }).fill(username);
    await page.getByRole('searchbox', { name: '用户名或姓名' }).press('Enter');
    await users.setStatus(username, '启用');
    // Never signed in yet, so the account is back to "pending" (not "active") until its first sign-in.
    await expect(users.row(username)).toContainText('待激活');
    await users.moreAction(username, '重置密码');
    await users.confirm();
    resetPassword = await users.readTemporaryPassword('34-reset-password');
    expect(resetPassword).not.toBe(temporaryPassword);
    await expect(users.row(username)).toContainText('待改密');
    expect((await api.userByName(username)).mustChangePassword).toBe(true);
    await shell.signOut();
  });

  await test.step('the old password no longer works; the new one forces a password change', async () => {
    await login.signIn(username, temporaryPassword);
    await expect(login.error()).toContainText('用户名或密码错误');
    await login.signIn(username, resetPassword);
    const changePassword = new ChangePasswordPage(page);
    await changePassword.expectShown();
    await changePassword.change(resetPassword, `Quanzhou-${run}-Ok!`);
    await expect(shell.userButton()).toContainText(displayName);
  });
});

test('a stale edit: the second save of the same unit is refused with the conflict message and the form reloads', async ({
  page,
  browser,
}) => {
  const run = runId();
  const { shell, api } = await signedIn(page, 'admin');
  const unit = await taskForce(api, run);
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    const otherShell = (await signedIn(otherPage, 'admin')).shell;
    const mine = new UnitsPage(page);
    const theirs = new UnitsPage(otherPage);
    await shell.open('单位管理');
    await otherShell.open('单位管理');
    await mine.expectLoaded();
    await theirs.expectLoaded();

    // Both open the same unit; the other one saves first.
    const myDialog = await mine.openEdit(unit.nameZh);
    const theirDialog = await theirs.openEdit(unit.nameZh);
    const theirName = `他人改名${run}`;
    await theirDialog.getByLabel('中文名称').fill(theirName);
    await theirDialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(otherPage.getByText('单位已保存')).toBeVisible();
    await expect(theirDialog).toBeHidden();

    await myDialog.getByLabel('简称').fill(`我的${run}`.slice(0, 20));
    const refused = page.waitForResponse((r) => r.url().includes(`/api/v1/units/${unit.id}`));
    await myDialog.getByRole('button', { name: /保\s*存/ }).click();
    expect((await refused).status()).toBe(409);
    await expect(page.getByText('数据已被他人修改，请刷新后重试')).toBeVisible();
    // The dialog stays open and now shows the saved data, with a note that it was reloaded.
    await expect(myDialog).toBeVisible();
    await expect(myDialog.getByRole('alert')).toContainText('表单已载入最新内容');
    await expect(myDialog.getByLabel('中文名称')).toHaveValue(theirName);
    await expect(myDialog.getByLabel('简称')).toHaveValue(unit.shortName);
    await shell.screenshot('35-unit-conflict');

    // Saving again goes through, on top of the other change.
    const myShort = `再改${run}`.slice(0, 20);
    await myDialog.getByLabel('简称').fill(myShort);
    await myDialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByText('单位已保存')).toBeVisible();
    await expect(myDialog).toBeHidden();
    const saved = await api.unitByName(theirName);
    expect(saved.shortName).toBe(myShort);
    expect(saved.version).toBe(unit.version + 2);
  } finally {
    await other.close();
  }
});

test('in English, an error from the server (a duplicate unit code) is shown in English', async ({ page }) => {
  const run = runId();
  const { shell, api } = await signedIn(page, 'admin');
  const existing = await taskForce(api, run);
  try {
    await shell.switchLanguage('English');
    await expect(shell.menu.getByRole('menuitem', { name: 'Units' })).toBeVisible();
    await shell.open('Units');
    await expect(page.getByRole('heading', { name: 'Units' })).toBeVisible();
    await page.getByRole('button', { name: 'New unit' }).click();
    const dialog = page.getByRole('dialog', { name: 'New unit' });
    await dialog.getByLabel('Chinese name').fill(`重复编码${run}`);
    await dialog.getByLabel('Short name').fill(`重复${run}`.slice(0, 20));
    await dialog.getByLabel('English name').fill(`Duplicate code ${run}`);
    await dialog.getByLabel('Code', { exact: true }).fill(existing.code);
    await pickOption(page, dialog.getByLabel('Type', { exact: true }), 'Task force');
    // Bounded: if no request goes out, fail here with time left to restore the language in `finally`.
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/units') && r.request().method() === 'POST', {
      timeout: 30_000,
    });
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect((await refused).status()).toBe(409);
    await expect(page.getByText('The unit code is already in use')).toBeVisible();
    await expect(page.getByText('单位编码已被使用')).toHaveCount(0);
    await expect(dialog).toBeVisible();
    await shell.screenshot('36-english-server-error');
  } finally {
    // The language is saved to the account; the other tests expect admin in Chinese.
    await api.setLocale('zh-CN');
  }
});
