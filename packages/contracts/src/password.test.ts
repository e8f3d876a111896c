import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './password';

describe('password policy', () => {
  it('needs 10 characters from 3 classes', () => {
    expect(checkPasswordPolicy('Abcdefgh12', 'zhang')).toBe(true);
    expect(checkPasswordPolicy('abcdefgh12', 'zhang')).toBe(false); // 2 classes
    expect(checkPasswordPolicy('Abcdef12!', 'zhang')).toBe(false); // 9 characters
    expect(checkPasswordPolicy('泉州刺桐Ab1234', 'zhang')).toBe(true);
  });
  it('refuses the user name inside the password, in any case', () => {
    expect(checkPasswordPolicy('Zhang12345!', 'zhang')).toBe(false);
    expect(checkPasswordPolicy('my-ZHANG-99x', 'zhang')).toBe(false);
  });
});
