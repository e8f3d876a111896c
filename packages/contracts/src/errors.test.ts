import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, localeFromAcceptLanguage } from './errors';

describe('Accept-Language', () => {
  it('defaults to Chinese and honours an English preference', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en-US');
    expect(localeFromAcceptLanguage('fr-FR, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('de-DE')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en;q=0, zh-TW')).toBe('zh-CN');
  });
  it('has a message in both languages for every code', () => {
    for (const [code, m] of Object.entries(ERROR_MESSAGES)) {
      expect(m['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
      expect(m['en-US'], code).toMatch(/^[A-Z]/);
    }
  });
});
