import { describe, expect, it } from 'vitest';
import { enUS } from './en-US';
import { flattenKeys, hasMessage, i18n, setLocale } from './index';
import { zhCN } from './zh-CN';

function leaves(messages: object): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (o: object, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string') out.set(prefix + k, v);
      else walk(v as object, `${prefix}${k}.`);
    }
  };
  walk(messages, '');
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n messages', () => {
  it('has the same keys in zh-CN and en-US', () => {
    expect(flattenKeys(enUS).sort()).toEqual(flattenKeys(zhCN).sort());
  });

  it('has no empty message in either language', () => {
    for (const [key, text] of [...leaves(zhCN), ...leaves(enUS)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same interpolation variables in both languages', () => {
    const en = leaves(enUS);
    for (const [key, zh] of leaves(zhCN)) {
      expect(variables(en.get(key) ?? ''), key).toEqual(variables(zh));
    }
  });

  it('writes English with ASCII punctuation and no Chinese, except the examples of Chinese data', () => {
    // The CJK font draws ’ “ ” and full-width punctuation full width: they look like stray gaps in English.
    // Examples of what users type in Chinese (a notice number, a holiday, the 、 between names) stay Chinese.
    const chineseExamples = new Set([
      'admin.calendar.noticePlaceholder',
      'admin.calendar.rangeNamePlaceholder',
      'officialDocs.settings.copyToHint',
      'lang.zh-CN', // a language is offered in its own name
    ]);
    for (const [key, text] of leaves(enUS)) {
      if (chineseExamples.has(key)) continue;
      expect(text, key).not.toMatch(/[‘’“”：；，。、（）【】！？〔〕]/);
      expect(text, key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('starts in Chinese and switches to English and back', async () => {
    expect(i18n.t('menu.units')).toBe('单位管理');
    await setLocale('en-US');
    expect(i18n.t('menu.units')).toBe('Units');
    expect(document.documentElement.lang).toBe('en-US');
    await setLocale('zh-CN');
    expect(document.title).toBe('刺桐 · 泉州内外贸高质量发展调度平台');
  });

  it('knows which server codes it can translate', () => {
    expect(hasMessage('auditAction.unit.create')).toBe(true);
    expect(hasMessage('auditAction.unit.explode')).toBe(false);
    expect(hasMessage('auditAction.unit')).toBe(false);
  });
});
