import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { checkPasswordPolicy } from '@zaitun/contracts';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1): ≈ 20 ms here.
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random secret, verified against when the user name is unknown so both paths cost the same. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${randomInt(1e9)}-Zz9!`);
  return dummyHash;
}

const ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#$%&*?'];

/** A temporary password that satisfies the policy: 14 characters with every class, no look-alike characters. */
export function generateTemporaryPassword(username: string): string {
  for (;;) {
    const chars = ALPHABETS.map((a) => a[randomInt(a.length)] as string);
    const all = ALPHABETS.join('');
    while (chars.length < 14) chars.push(all[randomInt(all.length)] as string);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    const candidate = chars.join('');
    if (checkPasswordPolicy(candidate, username)) return candidate;
  }
}
