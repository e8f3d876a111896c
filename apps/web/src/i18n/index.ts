import { LOCALES, type Locale } from '@zaitun/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './en-US';
import { zhCN } from './zh-CN';

export const DEFAULT_LOCALE: Locale = 'zh-CN';
/** Before sign-in the choice is kept in the browser; once signed in the account's `locale` wins. */
export const LOCALE_STORAGE_KEY = 'zaitun.locale';

export const resources = {
  'zh-CN': { translation: zhCN },
  'en-US': { translation: enUS },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function applyToDocument(locale: Locale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = i18n.t('app.title');
  }
}

i18n.use(initReactI18next).init({
  resources,
  lng: storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  interpolation: { escapeValue: false },
  initAsync: false,
});
applyToDocument(currentLocale());

/** The language the UI shows now. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** Switches the UI language and remembers it in this browser. */
export async function setLocale(locale: Locale): Promise<void> {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode may refuse storage; the language still switches for this visit.
  }
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
  applyToDocument(locale);
}

/** Every leaf key of a nested message object, dotted: `role.sysadmin`, `permission.user.read`. */
export function flattenKeys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : flattenKeys(value as object, `${prefix}${key}.`),
  );
}

const knownKeys = new Set(flattenKeys(zhCN));
/** True when `key` names a message, for codes that come from the server (audit actions, entity types). */
export function hasMessage(key: string): boolean {
  return knownKeys.has(key);
}

export { i18n };
