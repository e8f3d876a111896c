import { describe, expect, it } from 'vitest';
import { childPath, isSelfOrDescendant, isValidDivisionCode } from './units.domain';

describe('GB/T 2260 division codes', () => {
  it('accepts Quanzhou, its counties and other provinces', () => {
    for (const code of ['350500', '350582', '350527', '110000', '330782']) expect(isValidDivisionCode(code)).toBe(true);
  });
  it('rejects malformed codes and unknown provinces', () => {
    for (const code of ['35058', '3505820', '050582', '990582', '350082', 'abcdef', '']) {
      expect(isValidDivisionCode(code), code).toBe(false);
    }
  });
});

describe('unit paths', () => {
  it('builds paths from the parent', () => {
    expect(childPath(null, 'a')).toBe('/a/');
    expect(childPath('/a/', 'b')).toBe('/a/b/');
  });
  it('detects moves into the own subtree', () => {
    expect(isSelfOrDescendant('/a/b/', '/a/b/')).toBe(true);
    expect(isSelfOrDescendant('/a/b/', '/a/b/c/')).toBe(true);
    expect(isSelfOrDescendant('/a/b/', '/a/')).toBe(false);
    expect(isSelfOrDescendant('/a/b/', '/a/bc/')).toBe(false);
  });
});
