import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CockpitSettings,
  type CockpitSettingsT,
  LEAGUE_BOARDS,
  LEAGUE_MEASURES,
  LEAGUE_METRICS,
  type LeagueBoard,
  type LeagueComponentT,
  TIME_PROGRESS_MODES,
} from '@zaitun/contracts';
import { Button, Card, Col, Form, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCockpitSettings, useIndicators, useUpdateCockpitSettings } from '../../../api/cockpit';
import { SettingsCard } from '../../../components/SettingsCard';
import { schemaRules } from '../../../lib/form-rules';
import { indicatorName } from './IndicatorTable';

const fields = CockpitSettings.properties;

/** A league component as the form holds it: one shape for both kinds, so a row can switch kind in place. */
interface ComponentValues {
  kind: 'indicator' | 'metric';
  indicator?: string;
  measure?: (typeof LEAGUE_MEASURES)[number];
  metric?: (typeof LEAGUE_METRICS)[number];
  weight: number;
}
type Values = Omit<CockpitSettingsT, 'leagues'> & { leagues: Record<LeagueBoard, ComponentValues[]> };

const toValues = (s: CockpitSettingsT): Values => ({ ...s, leagues: s.leagues });
const fromValues = (v: Values): CockpitSettingsT => ({
  timeProgress: v.timeProgress,
  reportDay: v.reportDay,
  remindDaysBefore: v.remindDaysBefore,
  yellowBand: v.yellowBand,
  consistencyTolerance: v.consistencyTolerance,
  leagues: {
    county: (v.leagues.county ?? []).map(toComponent),
    working_group: (v.leagues.working_group ?? []).map(toComponent),
  },
});
/** Back to the contract's union: only the fields of the row's kind. */
export function toComponent(c: ComponentValues): LeagueComponentT {
  return c.kind === 'indicator'
    ? { kind: 'indicator', indicator: c.indicator ?? '', measure: c.measure ?? 'completion', weight: c.weight }
    : { kind: 'metric', metric: c.metric ?? 'on_time_rate', weight: c.weight };
}

/** The cockpit settings: time progress, reporting deadline, lights, tolerance and the league tables' components. */
export function CockpitSettingsForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const query = useCockpitSettings();
  const update = useUpdateCockpitSettings();
  const indicators = useIndicators();
  const leagues = Form.useWatch('leagues', form);

  const indicatorOptions = (indicators.data?.items ?? []).map((i) => ({ value: i.code, label: indicatorName(i) }));
  const num = (
    name: 'reportDay' | 'remindDaysBefore' | 'yellowBand' | 'consistencyTolerance',
    precision: number,
    hint?: string,
  ) => {
    const label = t(`cockpitAdmin.settings.${name}`);
    return (
      <Col xs={24} sm={12} lg={6}>
        <Form.Item name={name} label={label} extra={hint} rules={schemaRules(fields[name], { label, required: true })}>
          <InputNumber style={{ width: '100%' }} precision={precision} />
        </Form.Item>
      </Col>
    );
  };

  return (
    <SettingsCard<CockpitSettingsT, Values>
      title={t('cockpitAdmin.settings.card')}
      canEdit={canEdit}
      form={form}
      query={query}
      update={update}
      toValues={toValues}
      fromValues={fromValues}
      savedMessage={t('cockpitAdmin.settings.saved')}
    >
      <Form.Item name="timeProgress" label={t('cockpitAdmin.settings.timeProgress')}>
        <Radio.Group
          options={TIME_PROGRESS_MODES.map((m) => ({
            value: m,
            label: t(`cockpitAdmin.settings.timeProgressMode.${m}`),
          }))}
        />
      </Form.Item>
      <Row gutter={16}>
        {num('reportDay', 0, t('cockpitAdmin.settings.reportDayHint'))}
        {num('remindDaysBefore', 0)}
        {num('yellowBand', 1, t('cockpitAdmin.settings.yellowBandHint'))}
        {num('consistencyTolerance', 2, t('cockpitAdmin.settings.consistencyToleranceHint'))}
      </Row>
      <Typography.Title level={5}>{t('cockpitAdmin.settings.leagues')}</Typography.Title>
      <Row gutter={24}>
        {LEAGUE_BOARDS.map((board) => {
          const total = (leagues?.[board] ?? []).reduce((s, c) => s + (Number(c?.weight) || 0), 0);
          return (
            <Col xs={24} xxl={12} key={board}>
              <Card
                size="small"
                type="inner"
                title={t(`cockpitAdmin.settings.board.${board}`)}
                extra={
                  <Typography.Text type="secondary">
                    {t('cockpitAdmin.settings.weightTotal', { total: Math.round(total * 100) / 100 })}
                  </Typography.Text>
                }
                style={{ marginBottom: 16 }}
              >
                <Form.List name={['leagues', board]}>
                  {(rows, { add, remove }) => (
                    <>
                      {rows.length === 0 ? (
                        <Typography.Paragraph type="secondary">
                          {t('cockpitAdmin.settings.emptyLeague')}
                        </Typography.Paragraph>
                      ) : null}
                      {rows.map((r) => (
                        <LeagueRow
                          key={r.key}
                          name={r.name}
                          board={board}
                          indicatorOptions={indicatorOptions}
                          onRemove={() => remove(r.name)}
                        />
                      ))}
                      {canEdit ? (
                        <Button
                          type="dashed"
                          icon={<PlusOutlined />}
                          block
                          onClick={() => add({ kind: 'metric', metric: 'on_time_rate', weight: 10 })}
                        >
                          {t('cockpitAdmin.settings.addComponent')}
                        </Button>
                      ) : null}
                    </>
                  )}
                </Form.List>
              </Card>
            </Col>
          );
        })}
      </Row>
    </SettingsCard>
  );
}

function LeagueRow({
  name,
  board,
  indicatorOptions,
  onRemove,
}: {
  name: number;
  board: LeagueBoard;
  indicatorOptions: { value: string; label: string }[];
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const kind = Form.useWatch(['leagues', board, name, 'kind'], form) as ComponentValues['kind'] | undefined;
  const label = (key: 'componentKind' | 'target' | 'measure' | 'weight') => t(`cockpitAdmin.settings.${key}`);
  return (
    <Space align="start" wrap style={{ display: 'flex', marginBottom: 4 }} size={6}>
      <Form.Item name={[name, 'kind']} aria-label={label('componentKind')} style={{ marginBottom: 8 }}>
        <Select
          style={{ width: 150 }}
          aria-label={label('componentKind')}
          options={(['indicator', 'metric'] as const).map((k) => ({
            value: k,
            label: t(`cockpitAdmin.settings.componentKindLabel.${k}`),
          }))}
        />
      </Form.Item>
      {kind === 'indicator' ? (
        <>
          <Form.Item
            name={[name, 'indicator']}
            rules={[{ required: true, message: label('target') }]}
            style={{ marginBottom: 8 }}
          >
            <Select
              style={{ width: 200 }}
              aria-label={label('target')}
              options={indicatorOptions}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item name={[name, 'measure']} initialValue="completion" style={{ marginBottom: 8 }}>
            <Select
              style={{ width: 120 }}
              aria-label={label('measure')}
              options={LEAGUE_MEASURES.map((m) => ({ value: m, label: t(`cockpitAdmin.settings.measureLabel.${m}`) }))}
            />
          </Form.Item>
        </>
      ) : (
        <Form.Item name={[name, 'metric']} initialValue="on_time_rate" style={{ marginBottom: 8 }}>
          <Select
            style={{ width: 326 }}
            aria-label={label('target')}
            options={LEAGUE_METRICS.map((m) => ({ value: m, label: t(`cockpitAdmin.settings.metricLabel.${m}`) }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name={[name, 'weight']}
        rules={[{ required: true, type: 'number', min: 0.01, max: 100, message: label('weight') }]}
        style={{ marginBottom: 8 }}
      >
        <InputNumber style={{ width: 90 }} aria-label={label('weight')} min={0} max={100} prefix="×" />
      </Form.Item>
      <Button
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('cockpitAdmin.settings.remove')}
        title={t('cockpitAdmin.settings.remove')}
        onClick={onRemove}
      />
    </Space>
  );
}
