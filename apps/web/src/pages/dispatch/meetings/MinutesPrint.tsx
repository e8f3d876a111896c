import type { MeetingDetailT } from '@zaitun/contracts';
import { useTranslation } from 'react-i18next';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { officialDate } from '../orders/OrderPrint';

/** The minutes (纪要) as a printed document: shown only when printing, always in Chinese. */
export function MinutesPrint({ detail }: { detail: MeetingDetailT }) {
  const { t } = useTranslation();
  const units = useUnitLookup();
  const zh = { lng: 'zh-CN' } as const;
  const { meeting, agenda } = detail;
  const decided = agenda.filter((e) => e.decisionKind);
  return (
    <article className="official-print" aria-hidden>
      <header className="official-head">
        <div className="official-org">{t('orders.print.org', zh)}</div>
        <div className="official-type">{t('orders.print.minutesType', zh)}</div>
      </header>
      <div className="official-number">{meeting.number}</div>
      <hr className="official-rule" />
      <h1 className="official-title">{meeting.title}</h1>
      <p className="official-body">
        {t('orders.print.minutesIntro', {
          ...zh,
          date: officialDate(meeting.heldAt),
          chair: meeting.chair || '—',
          place: meeting.place || '—',
          title: meeting.title,
        })}
      </p>
      <p className="official-body">
        {t('orders.print.minutesAttending', {
          ...zh,
          units: meeting.attendingUnitIds.map((u) => units.nameZh(u)).join('、') || '—',
        })}
      </p>
      {meeting.minutes ? (
        <>
          <h2 className="official-section">{t('orders.print.minutesBody', zh)}</h2>
          <p className="official-body">{meeting.minutes}</p>
        </>
      ) : null}
      {decided.length ? (
        <>
          <h2 className="official-section">{t('orders.print.decisions', zh)}</h2>
          {decided.map((e, i) => (
            <p key={e.id} className="official-body">
              {i + 1}. {e.topic}
              {e.unitId ? `（${units.nameZh(e.unitId)}）` : ''}：{e.decision}
            </p>
          ))}
        </>
      ) : null}
      <div className="official-sign">
        <div>{t('orders.print.org', zh)}</div>
        <div>{officialDate(meeting.heldAt)}</div>
      </div>
    </article>
  );
}
