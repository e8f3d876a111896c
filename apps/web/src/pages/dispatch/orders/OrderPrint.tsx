import type { OrderDetailT } from '@zaitun/contracts';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { DISPLAY_TZ } from '../../../lib/datetime';

/** A Chinese date as official documents write it: 2026年3月20日. */
export function officialDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = value.length === 10 ? dayjs(value) : dayjs(value).tz(DISPLAY_TZ);
  return `${d.year()}年${d.month() + 1}月${d.date()}日`;
}

/**
 * The order as a printed document (shown only when printing): issuing office in red, the number, a red rule, the
 * addressees, the items, the feedback date and the office's signature. Always in Chinese — it is an official paper;
 * the Word/PDF in GB/T 9704 layout comes with the documents module.
 */
export function OrderPrint({ detail }: { detail: OrderDetailT }) {
  const { t } = useTranslation();
  const units = useUnitLookup();
  const zh = { lng: 'zh-CN' } as const;
  const { order, items } = detail;
  const leads = order.units.filter((u) => u.role === 'lead').map((u) => units.nameZh(u.unitId));
  const cos = order.units.filter((u) => u.role === 'co').map((u) => units.nameZh(u.unitId));
  return (
    <article className="official-print" aria-hidden>
      <header className="official-head">
        <div className="official-org">{t('orders.print.org', zh)}</div>
        <div className="official-type">{t('orders.print.docType', zh)}</div>
      </header>
      <div className="official-number">{order.number ?? t('orders.print.draft', zh)}</div>
      <hr className="official-rule" />
      <h1 className="official-title">{order.title}</h1>
      <p className="official-to">{[...leads, ...cos].join('、')}：</p>
      <p className="official-body">
        {order.feedbackDue
          ? t('orders.print.intro', { ...zh, date: officialDate(order.feedbackDue) })
          : t('orders.print.introNoDate', zh)}
      </p>
      {order.requirements ? (
        <p className="official-body">
          {t('orders.print.requirements', zh)}
          {order.requirements}
        </p>
      ) : null}
      <table className="official-table">
        <thead>
          <tr>
            <th>{t('orders.print.seq', zh)}</th>
            <th>{t('orders.print.matter', zh)}</th>
            <th>{t('orders.print.lead', zh)}</th>
            <th>{t('orders.print.co', zh)}</th>
            <th>{t('orders.print.deadline', zh)}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => (
            <tr key={item.id}>
              <td>{i + 1}</td>
              <td>
                {item.title}
                <div className="official-small">{item.number}</div>
              </td>
              <td>{units.nameZh(item.leadUnitId)}</td>
              <td>{item.coUnitIds.map((u) => units.nameZh(u)).join('、')}</td>
              <td>{officialDate(item.deadline)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="official-sign">
        <div>{t('orders.print.org', zh)}</div>
        <div>{officialDate(order.issuedAt ?? order.createdAt)}</div>
      </div>
      <footer className="official-foot">
        <div>{t('orders.print.cc', zh)}</div>
        <div>{t('orders.print.contact', zh)}</div>
      </footer>
    </article>
  );
}
