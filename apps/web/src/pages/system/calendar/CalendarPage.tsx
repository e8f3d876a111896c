import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { CalendarDayT } from '@zaitun/contracts';
import { Alert, Button, Card, Descriptions, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowed } from '../../../access';
import { calendarKeys, useCalendarYear, useCalendarYears, useDownload } from '../../../api/admin';
import { useCurrentUser } from '../../../api/session';
import { ImportDialog } from '../../../components/ImportDialog';
import { PageHeader } from '../../../components/PageHeader';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { formatList } from '../../../lib/list-format';
import { ignoreHandled } from '../../../lib/promise';
import { NoticeEditor, type YearDoc } from './NoticeEditor';
import { YearMonths } from './YearMonths';
import './calendar.css';

const SOURCE_KEYS = { seed: 'sourceSeed', manual: 'sourceManual', import: 'sourceImport' } as const;

/**
 * The working-day calendar: which years are covered (and a warning naming the ones still missing), a year's days
 * off and make-up working days, entering the State Council notice, Excel export and import.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canManage = allowed(me, 'calendar.manage');
  const queryClient = useQueryClient();
  const years = useCalendarYears();
  const thisYear = dayjs().year();
  const missing = years.data?.missingYears ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const year = picked ?? missing[0] ?? thisYear;
  const detail = useCalendarYear(year);
  const [view, setView] = useState<'months' | 'list'>('months');
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const download = useDownload();

  const yearOptions = useMemo(() => {
    const all = new Set<number>([...(years.data?.items ?? []).map((y) => y.year), ...missing, thisYear, thisYear + 1]);
    const covered = new Set((years.data?.items ?? []).filter((y) => y.covered).map((y) => y.year));
    return [...all]
      .sort((a, b) => b - a)
      .map((y) => ({
        value: y,
        label: covered.has(y)
          ? t('admin.calendar.yearOption', { year: y })
          : t('common.parenthetical', {
              text: t('admin.calendar.yearOption', { year: y }),
              note: t('admin.calendar.notEntered'),
            }),
      }));
  }, [years.data, missing, thisYear, t]);

  const summary = years.data?.items.find((y) => y.year === year);
  const doc = detail.data && detail.data.year === year ? detail.data : undefined;
  const editorDoc: YearDoc | undefined = doc
    ? { year, notice: doc.notice, version: doc.version, days: doc.days }
    : undefined;
  const days = doc?.days ?? [];

  return (
    <>
      <PageHeader
        title={t('admin.calendar.title')}
        subtitle={t('admin.calendar.subtitle')}
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              loading={download.isPending}
              onClick={() =>
                download.mutateAsync({ key: 'exportCalendar', fallback: 'calendar.xlsx' }).catch(ignoreHandled)
              }
            >
              {t('admin.calendar.export')}
            </Button>
            {canManage ? (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('admin.calendar.import')}
              </Button>
            ) : null}
          </>
        }
      />
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="calendar-missing"
          title={t('admin.calendar.missing', { years: formatList(missing.map(String), currentLocale()) })}
          description={t('admin.calendar.missingHint')}
          action={
            canManage ? (
              <Button
                type="primary"
                onClick={() => {
                  setPicked(missing[0] ?? null);
                  setEditing(true);
                }}
              >
                {t('admin.calendar.enterNotice')}
              </Button>
            ) : null
          }
        />
      ) : null}
      <Card
        title={
          <Space wrap>
            <span>{t('admin.calendar.year')}</span>
            <Select
              aria-label={t('admin.calendar.year')}
              value={year}
              onChange={setPicked}
              options={yearOptions}
              style={{ width: 220 }}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Space>
        }
        extra={
          canManage && editorDoc ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {doc?.covered ? t('admin.calendar.editNotice') : t('admin.calendar.enterNotice')}
            </Button>
          ) : null
        }
        loading={!doc && detail.isLoading}
      >
        {doc ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
              <Descriptions.Item label={t('admin.calendar.notice')}>
                {doc.notice || t('admin.calendar.noNotice')}
              </Descriptions.Item>
              <Descriptions.Item label={t('admin.calendar.source')}>
                {doc.source && doc.source in SOURCE_KEYS
                  ? t(`admin.calendar.${SOURCE_KEYS[doc.source as keyof typeof SOURCE_KEYS]}`)
                  : t('admin.calendar.notEntered')}
              </Descriptions.Item>
              <Descriptions.Item label={t('admin.calendar.kind')}>
                <Space size={4} wrap>
                  <Tag color="red">
                    {t('admin.calendar.holidays', { count: days.filter((d) => d.kind === 'holiday').length })}
                  </Tag>
                  <Tag color="blue">
                    {t('admin.calendar.workdays', { count: days.filter((d) => d.kind === 'workday').length })}
                  </Tag>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('admin.calendar.updatedAt')}>
                {formatDateTime(summary?.updatedAt)}
              </Descriptions.Item>
            </Descriptions>
            <Space wrap>
              <Segmented
                value={view}
                onChange={(v) => setView(v as 'months' | 'list')}
                options={[
                  { value: 'months', label: t('admin.calendar.viewMonths') },
                  { value: 'list', label: t('admin.calendar.viewList') },
                ]}
              />
              <span className="cal-legend">
                <span className="cal-day cal-holiday">1</span>
                {t('admin.calendar.holiday')}
              </span>
              <span className="cal-legend">
                <span className="cal-day cal-workday">1</span>
                {t('admin.calendar.workday')}
              </span>
              <span className="cal-legend">
                <span className="cal-day cal-weekend">1</span>
                {t('admin.calendar.legendWeekend')}
              </span>
            </Space>
            {view === 'months' ? (
              <YearMonths year={year} days={days} />
            ) : days.length === 0 ? (
              <Empty description={t('admin.calendar.noOverrides')} />
            ) : (
              <DayTable days={days} />
            )}
          </Space>
        ) : null}
      </Card>
      {editing && editorDoc ? (
        <NoticeEditor key={year} doc={editorDoc} latest={editorDoc} onClose={() => setEditing(false)} />
      ) : null}
      {importing ? (
        <ImportDialog
          type="calendar"
          title={t('admin.calendar.importTitle')}
          groupLabel={(key) => t('admin.calendar.yearOption', { year: key })}
          onClose={() => setImporting(false)}
          onCommitted={() => void queryClient.invalidateQueries({ queryKey: calendarKeys.all })}
        />
      ) : null}
    </>
  );
}

function DayTable({ days }: { days: readonly CalendarDayT[] }) {
  const { t } = useTranslation();
  return (
    <Table<CalendarDayT>
      size="small"
      rowKey="date"
      pagination={false}
      dataSource={[...days]}
      columns={[
        { title: t('admin.calendar.date'), dataIndex: 'date', width: 140 },
        {
          title: t('admin.calendar.weekday'),
          key: 'weekday',
          width: 100,
          render: (_, d) => dayjs(d.date).format('dddd'),
        },
        {
          title: t('admin.calendar.kind'),
          dataIndex: 'kind',
          width: 140,
          render: (kind: CalendarDayT['kind']) => (
            <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`admin.calendar.${kind}`)}</Tag>
          ),
        },
        {
          title: t('admin.calendar.name'),
          dataIndex: 'name',
          render: (name: string) => name || <Typography.Text type="secondary">—</Typography.Text>,
        },
      ]}
    />
  );
}
