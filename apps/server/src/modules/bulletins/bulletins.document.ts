/**
 * The bulletin (通报) as an official document: a pure mapping of its sections and edited text to the document model
 * of `lib/documents`. Chinese only, like every 公文. Sections (docs/documents.md): the opening, 一、总体情况 (the
 * headline figures), 二、各单位办理情况 (the unit table, best and worst three highlighted), 三、超期未办结事项,
 * 四、红牌督办事项, 五、通报表扬, 六、通报批评, 七、下步工作要求.
 */
import type {
  BulletinItemRowT,
  BulletinSectionsT,
  BulletinT,
  BulletinTextT,
  DocumentSettingsT,
} from '@zaitun/contracts';
import { type BodyBlock, chineseDate, type OfficialDocument, type ParagraphBlock } from '../../lib/documents/model';
import { copyToList } from '../official-docs/official-docs.domain';
import { headlineSentence, percent, periodLabel } from './bulletins.domain';

function paragraphs(text: string): ParagraphBlock[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): ParagraphBlock => ({ kind: 'paragraph', text: line }));
}

function itemTable(rows: readonly BulletinItemRowT[], last: { title: string; cell: (r: BulletinItemRowT) => string }) {
  return {
    kind: 'table' as const,
    columns: [
      { title: '序号', width: 1.3, align: 'center' as const },
      { title: '事项编号', width: 2.5, align: 'center' as const },
      { title: '事项', width: 5.4 },
      { title: '牵头单位', width: 2.8 },
      { title: last.title, width: 3.4, align: 'center' as const },
    ],
    rows: rows.map((r, i) => [String(i + 1), r.number, r.title, r.leadUnitNameZh, last.cell(r)]),
  };
}

export interface BulletinDocumentInput {
  bulletin: BulletinT;
  sections: BulletinSectionsT;
  text: BulletinTextT;
  settings: DocumentSettingsT;
  /** The day a draft prints as its date (a published bulletin prints its publication day). */
  today: Date;
}

export function bulletinDocument({
  bulletin,
  sections,
  text,
  settings,
  today,
}: BulletinDocumentInput): OfficialDocument {
  const day = bulletin.publishedAt ?? today;
  const label = periodLabel(bulletin.periodKind, bulletin.from, bulletin.to);
  const units = sections.units;
  const highlightRows = units.flatMap((u, i) => (u.mark ? [i] : []));
  const body: BodyBlock[] = [
    ...paragraphs(text.opening),
    { kind: 'heading', level: 1, text: '总体情况' },
    { kind: 'paragraph', text: headlineSentence(sections, label) },
    { kind: 'heading', level: 1, text: '各单位办理情况' },
    units.length
      ? {
          kind: 'table',
          caption: `${label}各单位调度事项办理情况`,
          columns: [
            { title: '序号', width: 1.3, align: 'center' },
            { title: '单位', width: 4.2 },
            { title: '收件', width: 1.5, align: 'center' },
            { title: '办结', width: 1.5, align: 'center' },
            { title: '按时办结率', width: 2.4, align: 'center' },
            { title: '催办', width: 1.5, align: 'center' },
            { title: '重办', width: 1.5, align: 'center' },
            { title: '满意率', width: 2.2, align: 'center' },
          ],
          rows: units.map((u) => [
            String(u.position),
            u.nameZh,
            String(u.received),
            String(u.resolved),
            percent(u.resolvedOnTime),
            String(u.urged),
            String(u.redone),
            percent(u.satisfaction),
          ]),
          highlightRows,
        }
      : { kind: 'paragraph', text: '本期没有参与考评的单位。' },
  ];
  if (highlightRows.length) {
    body.push({ kind: 'paragraph', text: '注：表中突出显示的为按时办结率排名前三位和后三位的单位。', indent: false });
  }
  body.push({ kind: 'heading', level: 1, text: '超期未办结事项' });
  body.push(
    sections.overdue.length
      ? itemTable(sections.overdue, {
          title: '办结时限',
          cell: (r) => (r.deadline ? `${chineseDate(r.deadline)}（超${r.daysOverdue ?? 0}天）` : ''),
        })
      : { kind: 'paragraph', text: '截至期末，没有超期未办结的事项。' },
  );
  body.push({ kind: 'heading', level: 1, text: '红牌督办事项' });
  body.push(
    sections.redCards.length
      ? itemTable(sections.redCards, { title: '督办日期', cell: (r) => (r.at ? chineseDate(r.at) : '') })
      : { kind: 'paragraph', text: '本期没有红牌督办的事项。' },
  );
  body.push({ kind: 'heading', level: 1, text: '通报表扬' });
  body.push(...paragraphs(text.commendation));
  body.push({ kind: 'heading', level: 1, text: '通报批评' });
  body.push(...paragraphs(text.criticism));
  body.push({ kind: 'heading', level: 1, text: '下步工作要求' });
  body.push(...paragraphs(text.requirements));
  return {
    header: { issuer: settings.redHeader, ...(bulletin.number ? { number: bulletin.number } : {}) },
    title: bulletin.title,
    addressees: [settings.addressees],
    body,
    signature: { issuer: settings.signature, date: day },
    record: { copyTo: copyToList(settings.copyTo), printer: settings.printer, printDate: day },
    author: settings.issuingBody,
  };
}

/** `通报-泉内外贸通〔2026〕5号.docx`; a draft `通报-草稿.docx`. */
export const bulletinFileName = (b: Pick<BulletinT, 'number'>, format: 'docx' | 'pdf') =>
  `通报-${b.number ?? '草稿'}.${format}`;
