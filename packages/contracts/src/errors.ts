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
  DISPLAY_LINK_INVALID: {
    'zh-CN': '大屏链接无效、已过期或已被撤销，请向指挥部办公室索取新链接',
    'en-US': 'This display link is unknown, expired or revoked; ask the HQ office for a new one',
  },
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
  ITEM_INVALID_TRANSITION: {
    'zh-CN': '事项当前状态不允许此操作，请刷新后查看',
    'en-US': 'This action is not allowed in the item’s current state; reload to see it',
  },
  REASON_REQUIRED: { 'zh-CN': '请填写理由', 'en-US': 'A reason is required' },
  FIELD_REQUIRED: { 'zh-CN': '缺少必填项', 'en-US': 'A required field is missing' },
  DEADLINE_IN_PAST: { 'zh-CN': '办理时限不能早于当前时间', 'en-US': 'The deadline cannot be in the past' },
  CO_UNITS_OPEN: {
    'zh-CN': '尚有配合单位未反馈意见，需配合单位完成或由调度员豁免后才能办结',
    'en-US': 'A co-unit’s part is still open; it must be done or waived by the dispatcher first',
  },
  LEAD_UNIT_INVALID: {
    'zh-CN': '牵头单位或配合单位无效（须为启用的单位，且牵头单位不能同时是配合单位）',
    'en-US': 'Invalid lead or co-unit (units must be active; the lead cannot also be a co-unit)',
  },
  CATEGORY_INVALID: { 'zh-CN': '事项类别不存在或已停用', 'en-US': 'Unknown or inactive item category' },
  MERGE_TARGET_INVALID: {
    'zh-CN': '合并目标无效（须为另一个未关闭的事项）',
    'en-US': 'Invalid merge target (another item that is still open)',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    'zh-CN': '附件类型不允许（仅限 pdf、docx、xlsx、jpg、png）',
    'en-US': 'This file type is not allowed (pdf, docx, xlsx, jpg, png only)',
  },
  ATTACHMENT_TOO_LARGE: { 'zh-CN': '附件超过大小限制', 'en-US': 'The file is larger than allowed' },
  ORDER_INVALID_TRANSITION: {
    'zh-CN': '交办单当前状态不允许此操作',
    'en-US': 'This action is not allowed in the order’s current state',
  },
  ORDER_ITEMS_INVALID: {
    'zh-CN': '交办单中的事项无效（须为已交办、未关闭、且未在其他有效交办单中的事项）',
    'en-US': 'Invalid items for the order (dispatched, not closed, and not in another live order)',
  },
  INDICATOR_CODE_TAKEN: {
    'zh-CN': '指标代码已存在',
    'en-US': 'An indicator with this code already exists',
  },
  INDICATOR_NOT_DUE: {
    'zh-CN': '该指标在所选月份没有报告期（季度指标报 3、6、9、12 月，年度指标报 12 月）',
    'en-US':
      'The indicator has no reporting period in that month (quarterly: March, June, September, December; annual: December)',
  },
  INDICATOR_INACTIVE: { 'zh-CN': '该指标已停用', 'en-US': 'The indicator is no longer in use' },
  PERIOD_IN_FUTURE: { 'zh-CN': '不能填报尚未结束的月份', 'en-US': 'The month has not ended yet' },
  FIGURE_DEADLINE_PASSED: {
    'zh-CN': '本期数据报送已截止，如需更正请联系指挥部办公室',
    'en-US': 'The reporting deadline for this period has passed; ask the HQ office to correct it',
  },
  FIGURE_VERIFIED: {
    'zh-CN': '该数据已由指挥部办公室核定，不能再修改',
    'en-US': 'The HQ office has verified this figure; it can no longer be changed here',
  },
  BULLETIN_PERIOD_INVALID: {
    'zh-CN': '通报期间无效：请填写真实的起止日期，结束日期不能早于开始日期，开始日期不能晚于今天，期间不超过一年',
    'en-US':
      'Invalid bulletin period: give real start and end dates, the end not before the start, the start not after today, at most one year',
  },
  BULLETIN_INVALID_TRANSITION: {
    'zh-CN': '通报当前状态不允许此操作，请刷新后查看',
    'en-US': 'This action is not allowed in the bulletin’s current state; reload to see it',
  },
  TASK_INTERRUPTED: {
    'zh-CN': '后台任务因服务重启而中断，请重新发起',
    'en-US': 'The background task was interrupted by a server restart; start it again',
  },
  MEETING_INVALID: { 'zh-CN': '会议状态不允许此操作', 'en-US': 'This action is not allowed for the meeting' },
  DICTIONARY_CODE_TAKEN: { 'zh-CN': '字典编码已存在', 'en-US': 'The dictionary code is already in use' },
  CALENDAR_DATE_OUT_OF_YEAR: {
    'zh-CN': '日期不在所选年份内',
    'en-US': 'A date is outside the chosen year',
  },
  XLSX_TOO_LARGE: { 'zh-CN': '文件超过大小限制', 'en-US': 'The file is larger than allowed' },
  XLSX_UNPACKED_TOO_LARGE: {
    'zh-CN': '文件解压后过大，拒绝处理',
    'en-US': 'The file unpacks to more than allowed; refused',
  },
  XLSX_TOO_MANY_SHEETS: { 'zh-CN': '工作表数量超过限制', 'en-US': 'Too many worksheets' },
  XLSX_NOT_XLSX: { 'zh-CN': '不是有效的 xlsx 文件', 'en-US': 'Not a valid xlsx file' },
  XLSX_NO_SHEET: { 'zh-CN': '文件中没有工作表', 'en-US': 'The file has no worksheet' },
  XLSX_TOO_MANY_ROWS: { 'zh-CN': '行数超过限制', 'en-US': 'Too many rows' },
  XLSX_HEADER_MISMATCH: {
    'zh-CN': '表头与模板不符，缺少必需的列',
    'en-US': 'The header row does not match the template; required columns are missing',
  },
  IMPORT_HAS_ERRORS: {
    'zh-CN': '导入文件有错误行，请下载错误报告修正后重新上传',
    'en-US': 'The file has rows with errors; download the error report, fix them and upload again',
  },
  IMPORT_NOT_PENDING: {
    'zh-CN': '该导入已提交或已失效',
    'en-US': 'This import was already committed or is no longer valid',
  },
  IMPORT_EMPTY: {
    'zh-CN': '文件中没有数据行（表头下方为空），请填写后再导入',
    'en-US': 'The file has no data rows below the header; fill them in and import again',
  },
  IMPORT_PERIOD_MISMATCH: {
    'zh-CN': '表格标题或表头中的期间与所选期间不一致，请核对所选年月或文件',
    'en-US':
      'The period named in the sheet’s title or header is not the one chosen; check the chosen month or the file',
  },
  WEBHOOK_URL_INVALID: {
    'zh-CN': '机器人地址无效（须为 https 地址，或本机测试地址）',
    'en-US': 'Invalid robot URL (https, or a local test address)',
  },
  PDF_UNAVAILABLE: {
    'zh-CN':
      '服务器无法生成 PDF：需要安装 Chromium 浏览器和 fonts-noto-cjk 字体（apt-get install chromium fonts-noto-cjk），或设置 CHROMIUM_PATH 指向 Chromium；Word 文档不受影响',
    'en-US':
      'The server cannot make PDFs: it needs Chromium and the fonts-noto-cjk fonts (apt-get install chromium fonts-noto-cjk) or CHROMIUM_PATH set to a Chromium; Word documents still work',
  },
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
