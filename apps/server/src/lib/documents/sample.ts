import type { OfficialDocument } from './model';

/**
 * A sample assignment order (交办单) exercising every part of the model: the documents' tests render it, and it
 * shows callers how a real document is put together. Not used in production paths.
 */
export function sampleDocument(overrides: Partial<OfficialDocument> = {}): OfficialDocument {
  return {
    header: { issuer: '泉州市内外贸发展工作指挥部文件', number: '泉内外贸交〔2026〕12号' },
    title: '关于做好第一季度外贸企业\n用工保障工作的交办单',
    addressees: ['晋江市内外贸发展工作领导小组', '石狮市内外贸发展工作领导小组'],
    body: [
      {
        kind: 'paragraph',
        text: '为落实市内外贸发展工作指挥部第3次调度会部署，现将有关事项交办如下，请认真抓好落实。',
      },
      { kind: 'heading', level: 1, text: '交办事项' },
      {
        kind: 'table',
        caption: '交办事项清单',
        columns: [
          { title: '序号', width: 1, align: 'center' },
          { title: '事项', width: 5 },
          { title: '牵头单位', width: 2 },
          { title: '配合单位', width: 2 },
          { title: '办理时限', width: 2, align: 'center' },
        ],
        rows: [
          ['1', '协调解决某鞋服企业出口订单用工缺口约300人', '晋江市', '市人社局', '2026年4月30日'],
          ['2', '推动跨境电商海外仓项目落地', '石狮市', '市商务局、泉州海关', '2026年5月15日'],
        ],
      },
      { kind: 'heading', level: 1, text: '工作要求' },
      { kind: 'heading', level: 2, text: '压实责任' },
      { kind: 'paragraph', text: '各牵头单位要明确责任人，细化工作措施，确保按时办结。' },
      { kind: 'heading', level: 3, text: '建立台账' },
      { kind: 'heading', level: 4, text: '每周更新进展' },
      { kind: 'heading', level: 2, text: '按时反馈' },
      { kind: 'paragraph', text: '请于2026年4月30日前将办理情况书面反馈市指挥部办公室。' },
    ],
    attachments: ['交办事项办理情况反馈表', '联系人名单'],
    signature: { issuer: '泉州市内外贸发展工作指挥部', date: '2026-04-17' },
    record: {
      copyTo: ['市委办公室', '市人大常委会办公室', '市政府办公室', '市政协办公室'],
      printer: '泉州市内外贸发展工作指挥部办公室',
      printDate: '2026-04-17',
    },
    ...overrides,
  };
}
