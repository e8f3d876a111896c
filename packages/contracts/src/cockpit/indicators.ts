/**
 * The cockpit (一看): indicators, annual targets per unit, figures per unit and period, and what is computed from
 * them (growth, share, completion against time progress, lights, ranks, league tables). Formulas: docs/indicators.md.
 * Values are in the indicator's own measure unit; percentages are numbers (4.1 = 4.1 %), gaps percentage points.
 */
import { type Static, Type } from 'typebox';
import { DateTime, Name, Nullable, Page, PageQuery, StringEnum, Text, Uuid, Version } from '../common';
import { LIGHTS } from '../dispatch/items';

export const INDICATOR_FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number];
/** 累计 (year-to-date cumulative), 当期 (the period alone), 存量 (a stock at the period's end). */
export const INDICATOR_KINDS = ['ytd_cumulative', 'period', 'stock'] as const;
export type IndicatorKindT = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_DIRECTIONS = ['higher', 'lower'] as const;
export const TARGET_KINDS = ['value', 'growth'] as const;
export const TARGET_STATES = ['draft', 'confirmed'] as const;
export const FIGURE_SOURCES = ['entry', 'import', 'seed'] as const;
export const FIGURE_STATES = ['reported', 'verified'] as const;
/** Measure units offered in the form (free text is accepted too). */
export const MEASURE_UNITS = ['亿元', '万元', '万美元', '%', '家', '个', '万人次', '标箱', '吨'] as const;

export const IndicatorCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'e.g. retail_sales' });
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
export const Month = Type.Integer({ minimum: 1, maximum: 12 });
/** A figure: finite, within ±1e12 in the indicator's unit. */
export const FigureValue = Type.Number({ minimum: -1e12, maximum: 1e12 });
export const Percent = Type.Number({ minimum: -100000, maximum: 100000 });
const Light = Nullable(StringEnum(LIGHTS));

export const Indicator = Type.Object({
  id: Uuid,
  code: IndicatorCode,
  nameZh: Type.String(),
  nameEn: Type.String(),
  measureUnit: Type.String(),
  frequency: StringEnum(INDICATOR_FREQUENCIES),
  kind: StringEnum(INDICATOR_KINDS),
  direction: StringEnum(INDICATOR_DIRECTIONS),
  decimals: Type.Integer({ minimum: 0, maximum: 4 }),
  additive: Type.Boolean(),
  responsibleUnitId: Nullable(Uuid),
  definition: Type.String(),
  source: Type.String(),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  version: Version,
  updatedAt: DateTime,
});
export type IndicatorT = Static<typeof Indicator>;
export const IndicatorList = Type.Object({ items: Type.Array(Indicator) });

const indicatorFields = {
  nameZh: Name(60),
  nameEn: Name(120),
  measureUnit: Name(20),
  frequency: StringEnum(INDICATOR_FREQUENCIES),
  kind: StringEnum(INDICATOR_KINDS),
  direction: StringEnum(INDICATOR_DIRECTIONS),
  decimals: Type.Integer({ minimum: 0, maximum: 4 }),
  additive: Type.Boolean(),
  responsibleUnitId: Nullable(Uuid),
  definition: Text(2000),
  source: Text(200),
  sortOrder: Type.Integer({ minimum: 0, maximum: 100000 }),
};
export const CreateIndicatorBody = Type.Object(
  {
    code: IndicatorCode,
    ...indicatorFields,
    definition: Type.Optional(Text(2000)),
    source: Type.Optional(Text(200)),
    sortOrder: Type.Optional(indicatorFields.sortOrder),
  },
  { additionalProperties: false },
);
export const UpdateIndicatorBody = Type.Object(
  {
    version: Version,
    nameZh: Type.Optional(indicatorFields.nameZh),
    nameEn: Type.Optional(indicatorFields.nameEn),
    measureUnit: Type.Optional(indicatorFields.measureUnit),
    frequency: Type.Optional(indicatorFields.frequency),
    kind: Type.Optional(indicatorFields.kind),
    direction: Type.Optional(indicatorFields.direction),
    decimals: Type.Optional(indicatorFields.decimals),
    additive: Type.Optional(indicatorFields.additive),
    responsibleUnitId: Type.Optional(indicatorFields.responsibleUnitId),
    definition: Type.Optional(indicatorFields.definition),
    source: Type.Optional(indicatorFields.source),
    sortOrder: Type.Optional(indicatorFields.sortOrder),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

// ── Targets ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const TargetListQuery = Type.Object(
  { year: Year, indicatorId: Type.Optional(Uuid), unitId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export const Target = Type.Object({
  id: Uuid,
  indicatorId: Uuid,
  unitId: Uuid,
  year: Year,
  kind: StringEnum(TARGET_KINDS),
  /** The absolute target, or the growth rate in percent. */
  value: Type.Number(),
  /** The target as a value in the indicator's unit (a growth target: last year's annual figure × (1 + rate)). */
  targetValue: Nullable(Type.Number()),
  state: StringEnum(TARGET_STATES),
  note: Type.String(),
  version: Version,
  updatedAt: DateTime,
  updatedByName: Nullable(Type.String()),
});
export type TargetT = Static<typeof Target>;
export const TargetList = Type.Object({ items: Type.Array(Target) });
/** Creates (no version) or changes (the version read) the target of a unit, indicator and year. */
export const PutTargetBody = Type.Object(
  {
    indicatorId: Uuid,
    unitId: Uuid,
    year: Year,
    kind: StringEnum(TARGET_KINDS),
    value: FigureValue,
    note: Type.Optional(Text(500)),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
);
export const ConfirmTargetsBody = Type.Object(
  { year: Year, indicatorId: Type.Optional(Uuid), unitIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })) },
  { additionalProperties: false },
);
export const ChangedCount = Type.Object({ changed: Type.Integer({ minimum: 0 }) });
export const TargetChange = Type.Object({
  version: Version,
  kind: StringEnum(TARGET_KINDS),
  value: Type.Number(),
  state: StringEnum(TARGET_STATES),
  note: Type.String(),
  byName: Nullable(Type.String()),
  at: DateTime,
});
export const TargetChangeList = Type.Object({ items: Type.Array(TargetChange) });

// ── Figures ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const FigureListQuery = Type.Object(
  {
    year: Year,
    month: Type.Optional(Month),
    indicatorId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    state: Type.Optional(StringEnum(FIGURE_STATES)),
    source: Type.Optional(StringEnum(FIGURE_SOURCES)),
    /** Only cells where an import replaced a different entered value. */
    conflict: Type.Optional(Type.Boolean()),
    importId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const Figure = Type.Object({
  id: Uuid,
  indicatorId: Uuid,
  unitId: Uuid,
  year: Year,
  month: Month,
  value: Type.Number(),
  reportedYoy: Nullable(Type.Number()),
  source: StringEnum(FIGURE_SOURCES),
  importId: Nullable(Uuid),
  importRow: Nullable(Type.Integer()),
  importFileName: Nullable(Type.String()),
  state: StringEnum(FIGURE_STATES),
  /** The value the unit entered, when an import replaced it with a different one (until verified). */
  conflictValue: Nullable(Type.Number()),
  version: Version,
  updatedAt: DateTime,
  updatedByName: Nullable(Type.String()),
  verifiedAt: Nullable(DateTime),
  verifiedByName: Nullable(Type.String()),
});
export type FigureT = Static<typeof Figure>;
export const FigurePage = Page(Figure);

export const FigureChange = Type.Object({
  version: Version,
  value: Type.Number(),
  reportedYoy: Nullable(Type.Number()),
  source: StringEnum(FIGURE_SOURCES),
  importId: Nullable(Uuid),
  importRow: Nullable(Type.Integer()),
  importFileName: Nullable(Type.String()),
  state: StringEnum(FIGURE_STATES),
  byName: Nullable(Type.String()),
  at: DateTime,
});
/** A figure with its whole history: the drill-down's source rows. */
export const FigureDetail = Type.Object({
  figure: Figure,
  indicator: Indicator,
  unitNameZh: Type.String(),
  unitNameEn: Type.String(),
  history: Type.Array(FigureChange),
});
export type FigureDetailT = Static<typeof FigureDetail>;

/** A unit's reporting form for one period: every active indicator due that month with its figure, if any. */
export const EntryFormQuery = Type.Object({ unitId: Uuid, year: Year, month: Month }, { additionalProperties: false });
export const EntryFormRow = Type.Object({
  indicator: Indicator,
  figure: Nullable(Figure),
  /** The same period last year, for the computed YoY shown beside the input. */
  lastYearValue: Nullable(Type.Number()),
  /** Why the caller cannot change this figure now; null when it can. */
  locked: Nullable(StringEnum(['deadline_passed', 'verified'] as const)),
});
export const EntryForm = Type.Object({
  unitId: Uuid,
  year: Year,
  month: Month,
  /** The last day to report this period (Asia/Shanghai), `YYYY-MM-DD`. */
  deadline: Type.String(),
  rows: Type.Array(EntryFormRow),
});
export type EntryFormT = Static<typeof EntryForm>;
export const SaveFiguresBody = Type.Object(
  {
    unitId: Uuid,
    year: Year,
    month: Month,
    entries: Type.Array(
      Type.Object(
        {
          indicatorId: Uuid,
          value: FigureValue,
          reportedYoy: Type.Optional(Nullable(Percent)),
          /** The figure's version when it exists (409 when stale); absent for a new figure. */
          version: Type.Optional(Version),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export const VerifyFiguresBody = Type.Object(
  {
    year: Year,
    month: Month,
    indicatorId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

// ── Cockpit ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const TIME_PROGRESS_MODES = ['months', 'working_days'] as const;
export const LEAGUE_BOARDS = ['county', 'working_group'] as const;
export type LeagueBoard = (typeof LEAGUE_BOARDS)[number];
/** What of an indicator a league component ranks. */
export const LEAGUE_MEASURES = ['completion', 'growth', 'value'] as const;
/** Dispatch delivery metrics a league component can rank (docs/metrics.md). */
export const LEAGUE_METRICS = ['on_time_rate', 'satisfaction', 'resolved_rate'] as const;

export const LeagueComponent = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('indicator'),
      indicator: IndicatorCode,
      measure: StringEnum(LEAGUE_MEASURES),
      weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('metric'),
      metric: StringEnum(LEAGUE_METRICS),
      weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    },
    { additionalProperties: false },
  ),
]);
export type LeagueComponentT = Static<typeof LeagueComponent>;

export const CockpitSettings = Type.Object(
  {
    /** 序时进度: elapsed months / 12, or elapsed working days / the year's working days. */
    timeProgress: StringEnum(TIME_PROGRESS_MODES),
    /** Units report a month's figures by this day of the next month. */
    reportDay: Type.Integer({ minimum: 1, maximum: 28 }),
    /** Days before the deadline when units still missing figures are reminded. */
    remindDaysBefore: Type.Integer({ minimum: 0, maximum: 20 }),
    /** Points behind time progress still shown yellow (beyond: red). */
    yellowBand: Type.Number({ minimum: 0, maximum: 50 }),
    /** Relative difference (percent of the city figure) tolerated between the city and the sum of counties. */
    consistencyTolerance: Type.Number({ minimum: 0, maximum: 10 }),
    leagues: Type.Object(
      {
        county: Type.Array(LeagueComponent, { maxItems: 30 }),
        working_group: Type.Array(LeagueComponent, { maxItems: 30 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CockpitSettingsT = Static<typeof CockpitSettings>;
export const CockpitSettingsDoc = Type.Object({ settings: CockpitSettings, version: Version });
export const UpdateCockpitSettingsBody = Type.Object(
  { settings: CockpitSettings, version: Version },
  { additionalProperties: false },
);

export const PeriodQuery = Type.Object(
  { year: Type.Optional(Year), month: Type.Optional(Month) },
  { additionalProperties: false },
);

/** One indicator's figure for a unit and period, with everything computed from it. */
export const IndicatorCell = Type.Object({
  /** The figure the cell shows (drill-down), null without one. */
  figureId: Nullable(Uuid),
  value: Nullable(Type.Number()),
  /** Same period last year. */
  baseValue: Nullable(Type.Number()),
  yoy: Nullable(Type.Number()),
  reportedYoy: Nullable(Type.Number()),
  /** The source's YoY differs from the computed one by more than 0.1 point. */
  yoyMismatch: Type.Boolean(),
  /** Share of the city figure (additive indicators). */
  share: Nullable(Type.Number()),
  targetValue: Nullable(Type.Number()),
  completion: Nullable(Type.Number()),
  /** completion − time progress, points. */
  gap: Nullable(Type.Number()),
  light: Light,
  rank: Nullable(Type.Integer({ minimum: 1 })),
  state: Nullable(StringEnum(FIGURE_STATES)),
  conflict: Type.Boolean(),
});
export type IndicatorCellT = Static<typeof IndicatorCell>;

export const IndicatorSummary = Type.Pick(Indicator, [
  'id',
  'code',
  'nameZh',
  'nameEn',
  'measureUnit',
  'frequency',
  'kind',
  'direction',
  'decimals',
  'additive',
]);

export const CockpitUnit = Type.Object({
  unitId: Uuid,
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  divisionCode: Nullable(Type.String()),
});

export const Consistency = Type.Object({
  city: Nullable(Type.Number()),
  sumOfCounties: Type.Number(),
  /** sum − city. */
  difference: Nullable(Type.Number()),
  ok: Type.Boolean(),
  missingUnitIds: Type.Array(Uuid),
});

export const CockpitHeadline = Type.Object({
  indicator: IndicatorSummary,
  city: IndicatorCell,
  consistency: Nullable(Consistency),
});

export const Cockpit = Type.Object({
  year: Year,
  month: Month,
  /** The latest period with figures (the default). */
  latest: Nullable(Type.Object({ year: Year, month: Month })),
  timeProgress: Type.Number(),
  timeProgressMode: StringEnum(TIME_PROGRESS_MODES),
  headline: Type.Array(CockpitHeadline),
  dispatch: Type.Object({
    open: Type.Integer({ minimum: 0 }),
    red: Type.Integer({ minimum: 0 }),
    /** On-time rate of items resolved this year, percent; null before any. */
    onTimeRate: Nullable(Type.Number()),
  }),
  /** Figures of the period an import replaced with a different entered value, not yet verified. */
  conflicts: Type.Integer({ minimum: 0 }),
  computedAt: DateTime,
});

export const IndicatorTableQuery = Type.Object(
  { indicatorId: Uuid, year: Type.Optional(Year), month: Type.Optional(Month) },
  { additionalProperties: false },
);
/** One indicator across the counties for a period: the map's and the ranking's data. */
export const IndicatorTable = Type.Object({
  indicator: IndicatorSummary,
  year: Year,
  month: Month,
  timeProgress: Type.Number(),
  city: IndicatorCell,
  consistency: Nullable(Consistency),
  rows: Type.Array(Type.Object({ unit: CockpitUnit, cell: IndicatorCell })),
});
export type IndicatorTableT = Static<typeof IndicatorTable>;

export const LeagueQuery = Type.Object(
  { board: Type.Optional(StringEnum(LEAGUE_BOARDS)), year: Type.Optional(Year), month: Type.Optional(Month) },
  { additionalProperties: false },
);
export const LeagueColumn = Type.Object({
  key: Type.String(),
  kind: StringEnum(['indicator', 'metric'] as const),
  indicatorId: Nullable(Uuid),
  measure: Type.String(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  /** The column's unit for display: the indicator's measure unit, or `%`. */
  unit: Type.String(),
  decimals: Type.Integer(),
  weight: Type.Number(),
});
export const LeagueRow = Type.Object({
  unit: CockpitUnit,
  rank: Nullable(Type.Integer({ minimum: 1 })),
  score: Nullable(Type.Number()),
  cells: Type.Array(
    Type.Object({
      value: Nullable(Type.Number()),
      rank: Nullable(Type.Integer({ minimum: 1 })),
      light: Light,
      figureId: Nullable(Uuid),
    }),
  ),
});
export const League = Type.Object({
  board: StringEnum(LEAGUE_BOARDS),
  year: Year,
  month: Month,
  timeProgress: Type.Number(),
  columns: Type.Array(LeagueColumn),
  rows: Type.Array(LeagueRow),
});
export type LeagueT = Static<typeof League>;

export const TrendQuery = Type.Object(
  { indicatorId: Uuid, unitId: Type.Optional(Uuid), year: Type.Optional(Year) },
  { additionalProperties: false },
);
export const Trend = Type.Object({
  indicator: IndicatorSummary,
  unit: CockpitUnit,
  /** This year and last, month by month (value as stored; the period value derived where the kind allows). */
  points: Type.Array(
    Type.Object({
      year: Year,
      month: Month,
      value: Nullable(Type.Number()),
      periodValue: Nullable(Type.Number()),
      yoy: Nullable(Type.Number()),
      figureId: Nullable(Uuid),
    }),
  ),
});

// ── Display links (大屏) ────────────────────────────────────────────────────────────────────────────────────────

export const DisplayLink = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  createdByName: Nullable(Type.String()),
  createdAt: DateTime,
  expiresAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
export const DisplayLinkList = Type.Object({ items: Type.Array(DisplayLink) });
export const CreateDisplayLinkBody = Type.Object(
  { name: Name(60), expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }) },
  { additionalProperties: false },
);
/** The link's secret is shown once, here. */
export const CreatedDisplayLink = Type.Object({ link: DisplayLink, token: Type.String(), url: Type.String() });

/** The settings a new installation starts with (docs/indicators.md). */
export const DEFAULT_COCKPIT_SETTINGS: CockpitSettingsT = {
  timeProgress: 'months',
  reportDay: 10,
  remindDaysBefore: 3,
  yellowBand: 5,
  consistencyTolerance: 0.5,
  leagues: {
    county: [
      { kind: 'indicator', indicator: 'retail_sales', measure: 'completion', weight: 20 },
      { kind: 'indicator', indicator: 'trade_total', measure: 'completion', weight: 20 },
      { kind: 'indicator', indicator: 'exports', measure: 'growth', weight: 15 },
      { kind: 'indicator', indicator: 'cbec', measure: 'growth', weight: 10 },
      { kind: 'indicator', indicator: 'fdi_utilised', measure: 'completion', weight: 10 },
      { kind: 'indicator', indicator: 'retail_sales', measure: 'growth', weight: 10 },
      { kind: 'metric', metric: 'on_time_rate', weight: 10 },
      { kind: 'metric', metric: 'satisfaction', weight: 5 },
    ],
    working_group: [
      { kind: 'metric', metric: 'on_time_rate', weight: 50 },
      { kind: 'metric', metric: 'satisfaction', weight: 30 },
      { kind: 'metric', metric: 'resolved_rate', weight: 20 },
    ],
  },
};
