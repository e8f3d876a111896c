/** Password rules shared by server and sign-in form: ≥ 10 characters, 3 of 4 classes, not the user name. */
export const PASSWORD_MIN_LENGTH = 10;

export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export function checkPasswordPolicy(password: string, username: string): boolean {
  if ([...password].length < PASSWORD_MIN_LENGTH) return false;
  if (passwordClasses(password) < 3) return false;
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name && (lower === name || lower.includes(name))) return false;
  return true;
}
