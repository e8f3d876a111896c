/**
 * Stable error codes of the API, with their messages in both languages. The server maps each code to an HTTP
 * status in one table that the compiler checks for completeness; the web shows the same messages.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { 'zh-CN': '请求参数不合法', 'en-US': 'The request is not valid' },
  MALFORMED_JSON: { 'zh-CN': '请求体不是合法的 JSON', 'en-US': 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求体过大', 'en-US': 'The request body is too large' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  SESSION_EXPIRED: { 'zh-CN': '会话已过期，请重新登录', 'en-US': 'Your session has expired; please sign in again' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong user name or password' },
  ACCOUNT_LOCKED: {
    'zh-CN': '登录失败次数过多，账号已临时锁定，请稍后再试',
    'en-US': 'Too many failed sign-ins; the account is locked for a while',
  },
  ACCOUNT_DISABLED: {
    'zh-CN': '账号已停用或被锁定，请联系管理员',
    'en-US': 'The account is disabled or locked; ask an administrator',
  },
  PASSWORD_EXPIRED: {
    'zh-CN': '临时密码已过期，请联系管理员重置',
    'en-US': 'The temporary password has expired; ask an administrator to reset it',
  },
  PASSWORD_CHANGE_REQUIRED: { 'zh-CN': '请先修改密码', 'en-US': 'Please change your password first' },
  PASSWORD_POLICY: {
    'zh-CN': '密码至少 10 位，包含大写字母、小写字母、数字、符号中的至少 3 类，且不能与用户名相同',
    'en-US':
      'The password needs at least 10 characters from 3 of: upper case, lower case, digits, symbols, and must not be the user name',
  },
  WRONG_PASSWORD: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  TOO_MANY_REQUESTS: { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  CSRF_FAILED: { 'zh-CN': '页面已过期，请刷新后重试', 'en-US': 'The page is stale; reload and try again' },
  FORBIDDEN: { 'zh-CN': '没有权限执行此操作', 'en-US': 'You are not allowed to do this' },
  NOT_FOUND: { 'zh-CN': '对象不存在或无权访问', 'en-US': 'Not found, or not visible to you' },
  VERSION_CONFLICT: {
    'zh-CN': '数据已被他人修改，请刷新后重试',
    'en-US': 'Someone else changed this; reload and try again',
  },
  UNIT_CODE_TAKEN: { 'zh-CN': '单位编码已被使用', 'en-US': 'The unit code is already in use' },
  UNIT_PARENT_INVALID: {
    'zh-CN': '上级单位无效（不能是自身或下级单位，且必须为启用状态）',
    'en-US': 'Invalid parent unit (not itself, not below itself, and active)',
  },
  UNIT_IN_USE: {
    'zh-CN': '单位仍有下级单位、用户或业务记录，不能删除，可停用',
    'en-US': 'The unit still has sub-units, users or records; deactivate it instead',
  },
  UNIT_HAS_ACTIVE_CHILDREN: {
    'zh-CN': '请先停用下级单位',
    'en-US': 'Deactivate its sub-units first',
  },
  UNIT_INACTIVE: { 'zh-CN': '单位已停用', 'en-US': 'The unit is inactive' },
  DIVISION_CODE_INVALID: {
    'zh-CN': '行政区划代码不符合 GB/T 2260',
    'en-US': 'Not a valid GB/T 2260 division code',
  },
  USERNAME_TAKEN: { 'zh-CN': '用户名已被使用', 'en-US': 'The user name is already in use' },
  ROLE_NOT_GRANTABLE: { 'zh-CN': '无权授予该角色', 'en-US': 'You may not grant this role' },
  ROLE_NOT_APPLICABLE: {
    'zh-CN': '该角色与用户所属机构类型不符',
    'en-US': 'The role does not fit the kind of organisation the user belongs to',
  },
  CANNOT_CHANGE_SELF: { 'zh-CN': '不能对自己的账号执行此操作', 'en-US': 'You cannot do this to your own account' },
  TOKEN_PERMISSION_NOT_HELD: {
    'zh-CN': '令牌权限不能超出本人权限',
    'en-US': 'A token cannot have permissions you do not hold',
  },
  BACKUP_UNAVAILABLE: { 'zh-CN': '备份工具不可用', 'en-US': 'The backup tool is not available' },
  INTERNAL: { 'zh-CN': '服务器内部错误，请稍后再试', 'en-US': 'Internal error; try again later' },
  SERVICE_UNAVAILABLE: { 'zh-CN': '服务暂不可用', 'en-US': 'Service unavailable' },
} as const satisfies Record<string, { 'zh-CN': string; 'en-US': string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

/** Picks zh-CN unless the Accept-Language header prefers English. */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.tag && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return 'zh-CN';
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}
