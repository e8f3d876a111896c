/**
 * The one request-error policy of the UI: what happens when a call fails. Pure, so it is unit-tested; the
 * `ErrorPolicyBridge` component carries the reaction out (toast, sign-in, refetch).
 */
import { ERROR_MESSAGES, type ErrorCode, type Locale } from '@zaitun/contracts';
import { i18n } from '../i18n';
import { ApiError, NETWORK_ERROR } from './client';

export type ErrorReaction =
  /** The session is gone: forget the user; the route guard sends them to /login, keeping the target path. */
  | { kind: 'signIn'; text: string | null }
  /** The account must change its password before anything else. */
  | { kind: 'changePassword' }
  /** Someone changed the data meanwhile: tell the user and refetch. */
  | { kind: 'conflict'; text: string }
  | { kind: 'toast'; text: string };

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_MESSAGES, code);
}

/** The text to show for a failure, in the UI's language. */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return i18n.t('error.network', { lng: locale });
    // The server already answers in the requested language; the contract's table covers empty messages.
    if (error.message) return error.message;
    if (isErrorCode(error.code)) return ERROR_MESSAGES[error.code][locale];
  }
  return i18n.t('error.unknown', { lng: locale });
}

export function reactionTo(error: unknown, locale: Locale): ErrorReaction {
  if (error instanceof ApiError) {
    if (error.status === 401 && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')) {
      return { kind: 'signIn', text: error.code === 'SESSION_EXPIRED' ? errorText(error, locale) : null };
    }
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') return { kind: 'changePassword' };
    if (error.code === 'VERSION_CONFLICT') return { kind: 'conflict', text: errorText(error, locale) };
  }
  return { kind: 'toast', text: errorText(error, locale) };
}
