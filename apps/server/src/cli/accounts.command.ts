/** `zaitun create-admin` and `zaitun reset-password`: the way in when nobody can sign in. Both audited. */
import { sql } from 'kysely';
import type { DbOrTx } from '../db/database';
import { appendAudit, systemContext } from '../lib/audit';
import { generateTemporaryPassword, hashPassword } from '../lib/password';
import { revokeSessions } from '../modules/auth/auth.repository';
import { auditUser } from '../modules/users/users.presenter';
import {
  findUserById,
  insertPendingUser,
  lockUserRow,
  setTemporaryPassword,
  type UserWithOrg,
  usernameTaken,
} from '../modules/users/users.repository';
import { type CliContext, withDatabase } from './context';
import { bi, failure, usageError } from './output';

export interface CreateAdminInput {
  username: string;
  displayName: string;
  unitCode: string | null;
}

/** The rule of the users table's CHECK and the contract's Username schema. */
const USERNAME = /^[a-z][a-z0-9_.-]{1,31}$/;

export function checkUsername(username: string): string {
  const name = username.trim();
  if (!USERNAME.test(name)) {
    throw usageError(
      `用户名 "${username}" 无效：2–32 个字符，小写字母开头，只含小写字母、数字和 . _ -。`,
      `Invalid user name "${username}": 2–32 characters, starting with a lower-case letter; lower-case letters, digits, . _ - only.`,
    );
  }
  return name;
}

async function findTargetUnit(db: DbOrTx, unitCode: string | null) {
  const base = db.selectFrom('units').select(['id', 'code', 'name_zh', 'name_en', 'active']);
  if (unitCode) {
    const unit = await base.where(sql`lower(code)`, '=', unitCode.toLowerCase()).executeTakeFirst();
    if (!unit) throw failure(`找不到代码为 ${unitCode} 的单位。`, `No unit with code ${unitCode}.`);
    if (!unit.active) throw failure(`单位 ${unit.code} 已停用。`, `Unit ${unit.code} is inactive.`);
    return unit;
  }
  const unit =
    (await base.where(sql`lower(code)`, '=', 'office').where('active', '=', true).executeTakeFirst()) ??
    (await base
      .where('type', 'in', ['office', 'headquarters'])
      .where('active', '=', true)
      .orderBy(sql`CASE type WHEN 'office' THEN 0 ELSE 1 END`)
      .orderBy('depth')
      .orderBy('sort_order')
      .limit(1)
      .executeTakeFirst());
  if (!unit) {
    throw failure(
      '数据库中没有总指挥部或办公室单位。请先运行 zaitun seed-demo，或用 --unit 指定单位代码。',
      'The database has no headquarters or office unit. Run `zaitun seed-demo` first, or name a unit with --unit.',
    );
  }
  return unit;
}

function showTemporaryPassword(ctx: CliContext, username: string, password: string): void {
  const days = ctx.config.temporaryPasswordDays;
  ctx.out.result(
    bi(
      `临时密码（只显示这一次）：${password}\n首次登录时必须修改密码；临时密码 ${days} 天内有效。`,
      `Temporary password (shown once): ${password}\n${username} must change it at first sign-in; it is valid for ${days} day(s).`,
    ),
  );
}

export async function createAdminCommand(ctx: CliContext, input: CreateAdminInput): Promise<void> {
  const username = checkUsername(input.username);
  const displayName = input.displayName.trim();
  if (displayName.length < 1 || [...displayName].length > 40) {
    throw usageError('显示名称须为 1–40 个字符。', 'The display name must be 1–40 characters.');
  }
  const temporaryPassword = generateTemporaryPassword(username);
  const passwordHash = await hashPassword(temporaryPassword);
  await withDatabase(
    ctx,
    async (database) => {
      const audit = systemContext(ctx.clock, 'cli');
      const { unit } = await database.db.transaction().execute(async (tx) => {
        const unit = await findTargetUnit(tx, input.unitCode);
        if (await usernameTaken(tx, username)) {
          throw failure(
            `用户名 ${username} 已存在。要为其重设密码，请运行 zaitun reset-password --username ${username}。`,
            `The user name ${username} is taken. To give it a new password, run \`zaitun reset-password --username ${username}\`.`,
          );
        }
        const id = await insertPendingUser(
          tx,
          { username, displayName, unitId: unit.id, roles: ['sysadmin'] },
          passwordHash,
          ctx.clock.now(),
        );
        const created = (await findUserById(tx, id)) as UserWithOrg;
        await appendAudit(tx, audit, {
          action: 'user.create',
          entityType: 'user',
          entityId: id,
          unitId: unit.id,
          after: auditUser(created),
        });
        return { unit };
      });
      ctx.out.result(
        bi(
          `已创建系统管理员 ${username}（${displayName}），所属单位 ${unit.name_zh}（${unit.code}），状态：待激活。`,
          `Created system administrator ${username} (${displayName}) in ${unit.name_en} (${unit.code}), status pending.`,
        ),
      );
      showTemporaryPassword(ctx, username, temporaryPassword);
    },
    { requireSchema: true },
  );
}

export async function resetPasswordCommand(ctx: CliContext, rawUsername: string): Promise<void> {
  const username = checkUsername(rawUsername);
  const temporaryPassword = generateTemporaryPassword(username);
  const passwordHash = await hashPassword(temporaryPassword);
  await withDatabase(
    ctx,
    async (database) => {
      const audit = systemContext(ctx.clock, 'cli');
      const result = await database.db.transaction().execute(async (tx) => {
        const found = await tx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
        if (!found) throw failure(`找不到用户 ${username}。`, `No user named ${username}.`);
        await lockUserRow(tx, found.id);
        const before = (await findUserById(tx, found.id)) as UserWithOrg;
        const now = ctx.clock.now();
        // A reset is the way back in: the sign-in lock and an admin's lock both end; a disabled account stays disabled.
        await setTemporaryPassword(tx, found.id, passwordHash, now, { unlock: true });
        await tx
          .updateTable('users')
          .set({ version: sql<number>`version + 1`, updated_at: now })
          .where('id', '=', found.id)
          .execute();
        const sessionsEnded = await revokeSessions(tx, found.id, now);
        const after = (await findUserById(tx, found.id)) as UserWithOrg;
        await appendAudit(tx, audit, {
          action: 'user.password_reset',
          entityType: 'user',
          entityId: found.id,
          unitId: after.unit_id,
          before: auditUser(before),
          after: { ...auditUser(after), sessionsEnded },
        });
        return { sessionsEnded, status: after.status };
      });
      ctx.out.result(
        bi(
          `已重设 ${username} 的密码：解除登录锁定，结束 ${result.sessionsEnded} 个会话。`,
          `Reset the password of ${username}: sign-in lock cleared, ${result.sessionsEnded} session(s) ended.`,
        ),
      );
      if (result.status === 'disabled') {
        ctx.out.result(
          bi(
            '注意：该账号已被停用，需由系统管理员重新启用后才能登录。',
            'Note: the account is disabled; a system administrator must re-enable it before it can sign in.',
          ),
        );
      }
      showTemporaryPassword(ctx, username, temporaryPassword);
    },
    { requireSchema: true },
  );
}
