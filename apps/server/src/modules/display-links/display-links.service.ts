/**
 * Display links (大屏): revocable, expiring read-only links for meeting-room screens. The secret is shown once at
 * creation and stored only as its SHA-256, like API tokens; a request bearing it becomes the display actor
 * (display-links.domain.ts), which reads the cockpit and nothing else.
 */
import type { RouteBody, RouteResponse } from '@zaitun/contracts';
import type { Db } from '../../db/database';
import type { AuthedActor, AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { randomSecret, sha256 } from '../../lib/crypto';
import { notFound } from '../../lib/errors';
import {
  DISPLAY_PREFIX_LENGTH,
  DISPLAY_TOKEN_BYTES,
  DISPLAY_TOKEN_PREFIX,
  displayActor,
  displayPath,
  isDisplayToken,
  isLinkUsable,
  shouldTouch,
} from './display-links.domain';
import {
  type DisplayLinkRow,
  type DisplayLinkWithCreator,
  findLinkByHash,
  findLinkWithCreator,
  insertLink,
  listLinks,
  lockLink,
  markRevoked,
  touchLink,
} from './display-links.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const presentLink = (l: DisplayLinkWithCreator): RouteResponse<'revokeDisplayLink'> => ({
  id: l.id,
  name: l.name,
  prefix: l.prefix,
  createdByName: l.created_by_name,
  createdAt: new Date(l.created_at).toISOString(),
  expiresAt: new Date(l.expires_at).toISOString(),
  lastUsedAt: iso(l.last_used_at),
  revokedAt: iso(l.revoked_at),
});

// What the audit trail keeps of a link: never its hash.
const auditLink = (l: DisplayLinkRow) => ({
  name: l.name,
  prefix: l.prefix,
  expiresAt: new Date(l.expires_at).toISOString(),
  revokedAt: iso(l.revoked_at),
});

export async function listDisplayLinks(db: Db) {
  return { items: (await listLinks(db)).map(presentLink) };
}

/** Creates a link; its token and the display page's address are returned this once. */
export async function createDisplayLink(db: Db, ctx: AuthedContext, body: RouteBody<'createDisplayLink'>) {
  const token = `${DISPLAY_TOKEN_PREFIX}${randomSecret(DISPLAY_TOKEN_BYTES)}`;
  const now = ctx.audit.clock.now();
  const id = await db.transaction().execute(async (tx) => {
    const inserted = await insertLink(tx, {
      name: body.name.trim(),
      prefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
      token_hash: sha256(token),
      created_by: ctx.actor.userId,
      created_at: now,
      expires_at: new Date(now.getTime() + body.expiresInDays * 86_400_000),
    });
    await appendAudit(tx, ctx.audit, {
      action: 'display_link.create',
      entityType: 'display_link',
      entityId: inserted.id,
      unitId: ctx.actor.unitId,
      after: auditLink(inserted),
    });
    return inserted.id;
  });
  const link = (await findLinkWithCreator(db, id)) as DisplayLinkWithCreator;
  return { link: presentLink(link), token, url: displayPath(token) };
}

/** Revokes a link; the screen showing it gets 401 at its next refresh. Revoking twice changes nothing. */
export async function revokeDisplayLink(db: Db, ctx: AuthedContext, id: string) {
  await db.transaction().execute(async (tx) => {
    const before = await lockLink(tx, id);
    if (!before) throw notFound();
    if (before.revoked_at) return;
    const after = await markRevoked(tx, id, ctx.audit.clock.now(), ctx.actor.userId);
    await appendAudit(tx, ctx.audit, {
      action: 'display_link.revoke',
      entityType: 'display_link',
      entityId: id,
      unitId: ctx.actor.unitId,
      before: auditLink(before),
      after: auditLink(after),
    });
  });
  return presentLink((await findLinkWithCreator(db, id)) as DisplayLinkWithCreator);
}

/**
 * Resolves `Authorization: Bearer zdl_…` to the display actor, or null when the link is unknown, expired or
 * revoked. Records the use at most once a minute.
 */
export async function authenticateDisplayLink(db: Db, secret: string, now: Date): Promise<AuthedActor | null> {
  if (!isDisplayToken(secret) || secret.length > 200) return null;
  const row = await findLinkByHash(db, sha256(secret));
  if (!row || !isLinkUsable(row, now)) return null;
  if (shouldTouch(row.last_used_at, now)) await touchLink(db, row.id, now);
  return displayActor(row);
}
