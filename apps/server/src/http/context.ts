import type { Actor, Locale, Role } from '@zaitun/contracts';
import type { AuditContext } from '../lib/audit';

/** The signed-in user (by session or API token), or a display link's screen, behind a request. */
export interface AuthedActor extends Actor {
  username: string;
  displayName: string;
  /** `display`: a meeting-room screen's read-only display link (modules/display-links), nobody's session. */
  via: 'session' | 'token' | 'display';
  sessionId: string | null;
  csrfToken: string | null;
  tokenId: string | null;
  /** The display link behind a `display` actor. */
  displayLinkId?: string | null;
  mustChangePassword: boolean;
  roles: Role[];
}

export interface RequestContext {
  actor: AuthedActor | null;
  locale: Locale;
  audit: AuditContext;
}

/** A request context for a signed-in actor (routes that require sign-in get this). */
export interface AuthedContext extends RequestContext {
  actor: AuthedActor;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}
