import { checkPasswordPolicy } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import { generateTemporaryPassword, hashPassword, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Quanzhou-2026!');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, 'Quanzhou-2026!')).toBe(true);
    expect(await verifyPassword(h, 'quanzhou-2026!')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
  it('generates temporary passwords that satisfy the policy and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateTemporaryPassword('jinjiang');
      expect(checkPasswordPolicy(p, 'jinjiang')).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});
