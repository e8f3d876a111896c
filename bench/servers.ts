/** The comparison servers of the benchmark: the thin layer (bare Fastify + pg) and the constant-JSON route. */
import { createHash } from 'node:crypto';
import { type Role, scopeOf } from '@zaitun/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';

// The thin layer: the SQL the app runs for this request (auth.service.ts authenticateToken, users.repository.ts
// selectUserRows + userScopeFilter, users.service.ts listUsers), with node-postgres and no framework around it.

const TOKEN_SQL = `SELECT t.id AS token_id, t.permissions, t.expires_at, t.last_used_at,
  u.id, u.username, u.display_name, u.roles, u.unit_id, u.status, u.must_change_password, un.path AS unit_path
FROM api_tokens t INNER JOIN users u ON u.id = t.user_id LEFT JOIN units un ON un.id = u.unit_id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL`;

const FROM = `FROM users u LEFT JOIN units un ON un.id = u.unit_id LEFT JOIN enterprises e ON e.id = u.enterprise_id
  LEFT JOIN institutes i ON i.id = u.institute_id
WHERE u.unit_id = $1 AND u.unit_id = $2`;

const LIST_SQL = `SELECT u.id, u.username, u.display_name, u.unit_id, u.enterprise_id, u.institute_id, u.roles, u.phone,
  u.email, u.status, u.must_change_password, u.password_changed_at, u.locked_until, u.last_login_at, u.locale,
  u.version, u.created_at, u.updated_at, un.code AS unit_code, un.name_zh AS unit_name_zh,
  un.name_en AS unit_name_en, un.short_name AS unit_short_name, un.type AS unit_type, un.path AS unit_path,
  e.name_zh AS enterprise_name_zh, e.name_en AS enterprise_name_en, i.name_zh AS institute_name_zh,
  i.name_en AS institute_name_en
${FROM}
ORDER BY u.username, u.id LIMIT $3 OFFSET $4`;

const COUNT_SQL = `SELECT count(*) AS n ${FROM}`;

export async function thinServer(pool: pg.Pool): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const list = async (unitId: string, scopeUnit: string) => {
    const [rows, count] = await Promise.all([
      pool.query(LIST_SQL, [scopeUnit, unitId, 20, 0]),
      pool.query<{ n: string }>(COUNT_SQL, [scopeUnit, unitId]),
    ]);
    return { items: rows.rows, total: Number(count.rows[0]?.n ?? 0), page: 1, pageSize: 20 };
  };
  // With the token lookup and the scope check, as the app does them.
  app.get<{ Querystring: { unitId: string } }>('/users', async (request, reply) => {
    const secret = (request.headers.authorization ?? '').slice(7);
    const token = await pool.query(TOKEN_SQL, [createHash('sha256').update(secret).digest('hex')]);
    const actor = token.rows[0] as
      | { id: string; roles: Role[]; unit_id: string; unit_path: string; status: string; expires_at: Date }
      | undefined;
    if (actor?.status !== 'active' || actor.expires_at <= new Date()) return reply.code(401).send({});
    const scope = scopeOf(
      { userId: actor.id, roles: actor.roles, unitId: actor.unit_id, unitPath: actor.unit_path },
      'user.read',
    );
    if (scope !== 'unit') return reply.code(403).send({});
    return list(request.query.unitId, actor.unit_id);
  });
  // Only the list and count queries: what the auth lookup costs shows as the difference.
  app.get<{ Querystring: { unitId: string } }>('/users-no-auth', async (request) =>
    list(request.query.unitId, request.query.unitId),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

export async function constantServer(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const body = { status: 'ok', items: [], total: 0 };
  app.get('/constant', async () => body);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

export const baseUrl = (app: FastifyInstance) => {
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
};
