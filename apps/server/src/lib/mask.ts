/** Personal data shown to viewers without the pii.read permission. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.indexOf('@');
  if (at < 1) return '****';
  return `${email[0]}***${email.slice(at)}`;
}

/** Fields holding personal data, wherever they appear in audit diffs. */
export const PII_FIELDS: Record<string, (v: string | null) => string | null> = {
  phone: maskPhone,
  email: maskEmail,
};
