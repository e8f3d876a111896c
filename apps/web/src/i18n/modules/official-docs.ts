/**
 * Strings around the official documents (红头文件): the document settings card and the Word/PDF downloads of
 * orders and minutes. The documents themselves are Chinese only; the UI around them is bilingual.
 */
export const officialDocsZh = {
  settings: {
    card: '公文设置',
    hint: '以下内容印在交办单、会议纪要和通报上（交办单编号前缀见上方“调度参数”）。',
    issuingBody: '发文机关全称',
    redHeader: '红头（版头）文字',
    minutesPrefix: '会议纪要编号前缀',
    bulletinPrefix: '通报编号前缀',
    numberPreview: '编号示例：{{example}}',
    signature: '署名',
    addressees: '默认主送机关',
    addresseesHint: '未指定主送单位的公文使用此处内容',
    copyTo: '抄送',
    copyToHint: '可留空；多个机关用顿号或逗号分隔',
    printer: '印发机关',
    saved: '公文设置已保存',
  },
  download: {
    word: '下载 Word',
    pdf: '下载 PDF',
    pdfUnavailable: '暂时无法生成 PDF',
    failed: '公文下载失败',
  },
};

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export const officialDocsEn: Widen<typeof officialDocsZh> = {
  settings: {
    card: 'Official documents',
    hint: 'Printed on assignment orders, meeting minutes and bulletins (the order number prefix is under Dispatch parameters above).',
    issuingBody: 'Issuing body (full name)',
    redHeader: 'Red header text',
    minutesPrefix: 'Minutes number prefix',
    bulletinPrefix: 'Bulletin number prefix',
    numberPreview: 'Example: {{example}}',
    signature: 'Signature',
    addressees: 'Default addressees',
    addresseesHint: 'Used by documents not addressed to named units',
    copyTo: 'Copy to',
    copyToHint: 'May be empty; separate several bodies with 、 or commas',
    printer: 'Printed by',
    saved: 'Document settings saved',
  },
  download: {
    word: 'Download Word',
    pdf: 'Download PDF',
    pdfUnavailable: 'PDF is not available',
    failed: 'The document could not be downloaded',
  },
};
