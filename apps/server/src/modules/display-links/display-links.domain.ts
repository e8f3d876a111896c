/**
 * The display actor: who a meeting-room screen (大屏) is when it calls the API with `Authorization: Bearer zdl_…`.
 * It is nobody's session. It reads the cockpit and nothing else: a fixed allow-list of routes, and the same
 * token-permission narrowing as API tokens so that `scopeOf` still makes the policy decision in one place.
 */
import { type Permission, type Role, type RouteDef, type RouteKey, routes } from '@zaitun/contracts';
import type { AuthedActor } from '../../http/context';

export const DISPLAY_TOKEN_PREFIX = 'zdl_';
/** Random bytes behind a display token (base64url after the prefix: 43 characters). */
export const DISPLAY_TOKEN_BYTES = 32;
/** How many leading characters of the token are kept in clear, to tell links apart in the list. */
export const DISPLAY_PREFIX_LENGTH = 12;
/** `last_used_at` is written at most this often per link, not on every poll of the screen. */
export const DISPLAY_TOUCH_INTERVAL_MS = 60_000;

/**
 * The cockpit's read routes, all a screen may call. Not the drill-down to figures (figure.read), not targets'
 * change history (who changed what), no writes, not even `/me`: the display page needs none of them.
 */
export const DISPLAY_ROUTE_KEYS = [
  'getCockpit',
  'getIndicatorTable',
  'getLeague',
  'exportLeague',
  'getTrend',
  'listIndicators',
  'getCockpitSettings',
] as const satisfies readonly RouteKey[];

const DISPLAY_ROUTES: ReadonlySet<RouteDef> = new Set(DISPLAY_ROUTE_KEYS.map((k) => routes[k]));

/** The one permission a display token carries. */
export const DISPLAY_PERMISSIONS: readonly Permission[] = ['indicator.read'];
/**
 * The role whose scope the display actor borrows: the leader reads the cockpit city-wide (indicator.read at 'all').
 * The token permissions above cut everything else the role grants.
 */
export const DISPLAY_ROLES: readonly Role[] = ['leader'];

/** May a display actor call this route? */
export const isDisplayRoute = (route: RouteDef): boolean => DISPLAY_ROUTES.has(route);

/** Does this bearer secret look like a display token (rather than an API token)? */
export const isDisplayToken = (secret: string): boolean => secret.startsWith(DISPLAY_TOKEN_PREFIX);

/** The request's actor for a valid display link. `userId` is the link's creator, kept only for reference. */
export function displayActor(link: { id: string; name: string; prefix: string; created_by: string }): AuthedActor {
  return {
    userId: link.created_by,
    username: `display:${link.prefix}`,
    displayName: link.name,
    roles: [...DISPLAY_ROLES],
    unitId: null,
    unitPath: null,
    via: 'display',
    sessionId: null,
    csrfToken: null,
    tokenId: null,
    displayLinkId: link.id,
    tokenPermissions: DISPLAY_PERMISSIONS,
    mustChangePassword: false,
  };
}

/** A link is usable until it is revoked or reaches its expiry. */
export const isLinkUsable = (link: { expires_at: Date; revoked_at: Date | null }, now: Date): boolean =>
  !link.revoked_at && new Date(link.expires_at).getTime() > now.getTime();

/** Is it time to record the link's use again? */
export const shouldTouch = (lastUsedAt: Date | null, now: Date): boolean =>
  !lastUsedAt || now.getTime() - new Date(lastUsedAt).getTime() > DISPLAY_TOUCH_INTERVAL_MS;

/**
 * The address of the display page for a token. The server knows no public base URL of its own (behind a proxy it
 * cannot tell), so this is a path: the web joins it with its origin.
 */
export const displayPath = (token: string): string => `/display/${token}`;

/** Cuts a display token out of an address (for logs) down to its listed prefix: `/display/zdl_AbCdEfGh…`. */
export const redactDisplayToken = (url: string): string =>
  url.replace(/(\/display\/zdl_[A-Za-z0-9_-]{0,8})[A-Za-z0-9_-]*/g, '$1…');
