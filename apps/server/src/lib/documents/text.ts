// Text handling shared by the Word and HTML renderers: cleaning what XML cannot carry, and finding the
// characters the GB 2312 fonts of a 公文 (仿宋_GB2312, 方正小标宋简体…) do not have, so Word/WPS get a named
// fallback font for them instead of an empty box.

/** Which fallback a run of text needs: none, a CJK font with the supplementary ideographs, or an emoji font. */
export type FallbackKind = 'none' | 'cjk-ext' | 'emoji';

export interface TextSegment {
  text: string;
  fallback: FallbackKind;
}

/**
 * Removes what XML 1.0 cannot hold (C0 controls except tab/newline, U+FFFE/U+FFFF) and replaces lone UTF-16
 * surrogates with U+FFFD, so user text can never make the .docx or the HTML unreadable.
 */
export function cleanText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i++;
      } else out += '\uFFFD';
    } else if (code >= 0xdc00 && code <= 0xdfff) out += '\uFFFD';
    else if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff) {
      // dropped: not allowed in XML 1.0
    } else out += text[i];
  }
  return out;
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/u;

/**
 * The fallback a single character (code point) needs. GB 2312 has no character outside the Basic Multilingual
 * Plane, so the CJK extensions B–H (U+20000–U+3FFFF, e.g. 𠮷) go to a font that has them; CJK extension A
 * (U+3400–U+4DBF) is outside GB 2312 too. Emoji (and their joiners/modifiers) go to an emoji font.
 */
export function fallbackOf(char: string): FallbackKind {
  const cp = char.codePointAt(0) ?? 0;
  if (EMOJI.test(char) && cp > 0xff) return 'emoji';
  if ((cp >= 0x20000 && cp <= 0x3ffff) || (cp >= 0x3400 && cp <= 0x4dbf)) return 'cjk-ext';
  return 'none';
}

/** Splits text into runs of equal fallback kind (by code point, so surrogate pairs stay whole). */
export function splitByFallback(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  for (const char of cleanText(text)) {
    const fallback = fallbackOf(char);
    const last = segments[segments.length - 1];
    if (last && last.fallback === fallback) last.text += char;
    else segments.push({ text: char, fallback });
  }
  return segments;
}

/**
 * Printed width of text in em (one full-width character = 1): ASCII and half-width forms count ½.
 * Used to place the signature block and to fit the red header on one line.
 */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    width += cp < 0x2e80 || (cp >= 0xff61 && cp <= 0xffdc) ? 0.5 : 1;
  }
  return width;
}
