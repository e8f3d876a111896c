/**
 * The cockpit's demo figures (issue 5), as a pure plan: about ten indicators from the seed's world, two years of
 * monthly figures for the 13 counties and the city, and this year's targets. Deterministic (a seeded PRNG), and
 * consistent with the seed (../shared/seed/README.md): 2025 retail sales 6416.06 亿元, +4.1 % on 2024; imports +
 * exports 2363.8 亿元. For every additive indicator the city figure is exactly the sum of the counties' (the
 * consistency check passes), and the statistics bureau's own YoY figure is the computed one rounded to one decimal —
 * except in a few planted cells, so the cockpit has a mismatch to flag.
 */
import type { Direction, IndicatorKind } from '../modules/indicators/indicators.domain';
import { yoyGrowth } from '../modules/indicators/indicators.domain';
import { rng } from './demo-dispatch.plan';

export interface DemoIndicator {
  code: string;
  nameZh: string;
  nameEn: string;
  measureUnit: string;
  frequency: 'monthly' | 'quarterly' | 'annual';
  kind: IndicatorKind;
  direction: Direction;
  decimals: number;
  additive: boolean;
  /** Unit code of the responsible unit. */
  responsible: string;
  definition: string;
  source: string;
}

export interface DemoFigure {
  indicator: string;
  /** A county's code, or `HQ` for the city. */
  unit: string;
  year: number;
  month: number;
  value: number;
  /** The source's own YoY in percent (one decimal), where there is a base year. */
  reportedYoy: number | null;
}

export interface DemoTarget {
  indicator: string;
  unit: string;
  year: number;
  kind: 'value' | 'growth';
  value: number;
  state: 'draft' | 'confirmed';
}

export const CITY = 'HQ';
export const COUNTIES = [
  'LICHENG',
  'FENGZE',
  'LUOJIANG',
  'QUANGANG',
  'HUIAN',
  'ANXI',
  'YONGCHUN',
  'DEHUA',
  'SHISHI',
  'JINJIANG',
  'NANAN',
  'TAISHANG',
  'ETDZ',
] as const;

const BUREAU = '泉州市统计局月度统计数据';
const CUSTOMS = '泉州海关进出口统计';

export const DEMO_INDICATORS: readonly DemoIndicator[] = [
  {
    code: 'retail_sales',
    nameZh: '社会消费品零售总额',
    nameEn: 'Retail sales of consumer goods',
    measureUnit: '亿元',
    frequency: 'monthly',
    kind: 'ytd_cumulative',
    direction: 'higher',
    decimals: 2,
    additive: true,
    responsible: 'WG-DOMESTIC',
    definition:
      '企业（单位）通过交易售给个人、社会集团非生产、非经营用的实物商品金额，以及提供餐饮服务所取得的收入金额。',
    source: BUREAU,
  },
  {
    code: 'trade_total',
    nameZh: '进出口总额',
    nameEn: 'Imports and exports',
    measureUnit: '亿元',
    frequency: 'monthly',
    kind: 'ytd_cumulative',
    direction: 'higher',
    decimals: 2,
    additive: true,
    responsible: 'WG-FOREIGN',
    definition: '实际进出我国关境的货物总金额（人民币计）。',
    source: CUSTOMS,
  },
  {
    code: 'exports',
    nameZh: '出口额',
    nameEn: 'Exports',
    measureUnit: '亿元',
    frequency: 'monthly',
    kind: 'ytd_cumulative',
    direction: 'higher',
    decimals: 2,
    additive: true,
    responsible: 'WG-FOREIGN',
    definition: '实际出我国关境的货物总金额（人民币计）。',
    source: CUSTOMS,
  },
  {
    code: 'imports',
    nameZh: '进口额',
    nameEn: 'Imports',
    measureUnit: '亿元',
    frequency: 'monthly',
    kind: 'ytd_cumulative',
    direction: 'higher',
    decimals: 2,
    additive: true,
    responsible: 'WG-FOREIGN',
    definition: '实际进我国关境的货物总金额（人民币计）。',
    source: CUSTOMS,
  },
  {
    code: 'cbec',
    nameZh: '跨境电商交易额',
    nameEn: 'Cross-border e-commerce',
    measureUnit: '亿元',
    frequency: 'monthly',
    kind: 'ytd_cumulative',
    direction: 'higher',
    decimals: 2,
    additive: true,
    responsible: 'WG-CBEC',
    definition: '通过跨境电子商务平台达成交易、进行支付结算并通过跨境物流送达的进出口额。',
    source: '市商务局跨境电商统计监测',
  },
  {
    code: 'wholesale_retail',
    nameZh: '限额以上批发零售业销售额',
    nameEn: 'Wholesale and retail sales above the threshold',
    measureUnit: '亿元',
    frequency: 'monthly',
    kind: 'ytd_cumulative',
    direction: 'higher',
    decimals: 2,
    additive: true,
    responsible: 'WG-DOMESTIC',
    definition: '年主营业务收入2000万元及以上批发业、500万元及以上零售业法人企业的商品销售额。',
    source: BUREAU,
  },
  {
    code: 'catering',
    nameZh: '餐饮收入',
    nameEn: 'Catering revenue',
    measureUnit: '亿元',
    frequency: 'monthly',
    kind: 'ytd_cumulative',
    direction: 'higher',
    decimals: 2,
    additive: true,
    responsible: 'TF-FOOD',
    definition: '住宿和餐饮企业提供餐饮服务所取得的收入。',
    source: BUREAU,
  },
  {
    code: 'fdi_utilised',
    nameZh: '实际使用外资',
    nameEn: 'Utilised foreign capital',
    measureUnit: '亿元',
    frequency: 'monthly',
    kind: 'ytd_cumulative',
    direction: 'higher',
    decimals: 2,
    additive: true,
    responsible: 'D-COMMERCE',
    definition: '外商投资企业实际到位的外方出资（人民币计）。',
    source: '市商务局外资统计',
  },
  {
    code: 'trade_enterprises',
    nameZh: '有进出口实绩企业',
    nameEn: 'Enterprises with trade',
    measureUnit: '家',
    frequency: 'monthly',
    kind: 'stock',
    direction: 'higher',
    decimals: 0,
    additive: true,
    responsible: 'WG-FOREIGN',
    definition: '年内有进出口实绩的企业数（截至当月）。',
    source: CUSTOMS,
  },
  {
    code: 'overseas_warehouses',
    nameZh: '海外仓',
    nameEn: 'Overseas warehouses',
    measureUnit: '个',
    frequency: 'quarterly',
    kind: 'stock',
    direction: 'higher',
    decimals: 0,
    additive: true,
    responsible: 'WG-CBEC',
    definition: '本地企业在境外建设或租用并运营的海外仓数量（季末）。',
    source: '市商务局走出去服务网络统计',
  },
];

/** Each county's share of a city total, per indicator family (rough shape of the city's economy). */
const SHARES: Record<'retail' | 'trade' | 'cbec' | 'count', Record<(typeof COUNTIES)[number], number>> = {
  retail: {
    LICHENG: 9.5,
    FENGZE: 11,
    LUOJIANG: 2.6,
    QUANGANG: 3.4,
    HUIAN: 7.6,
    ANXI: 6.8,
    YONGCHUN: 3.5,
    DEHUA: 2.7,
    SHISHI: 10.2,
    JINJIANG: 22.5,
    NANAN: 12.6,
    TAISHANG: 3.9,
    ETDZ: 3.7,
  },
  trade: {
    LICHENG: 4.2,
    FENGZE: 5.6,
    LUOJIANG: 1.5,
    QUANGANG: 9.8,
    HUIAN: 4.9,
    ANXI: 3.1,
    YONGCHUN: 1.2,
    DEHUA: 5.3,
    SHISHI: 17.4,
    JINJIANG: 28.6,
    NANAN: 11.2,
    TAISHANG: 3.4,
    ETDZ: 3.8,
  },
  cbec: {
    LICHENG: 5,
    FENGZE: 6.5,
    LUOJIANG: 1.5,
    QUANGANG: 1.5,
    HUIAN: 4,
    ANXI: 5.5,
    YONGCHUN: 1.5,
    DEHUA: 8,
    SHISHI: 22,
    JINJIANG: 30,
    NANAN: 9,
    TAISHANG: 2.5,
    ETDZ: 3,
  },
  count: {
    LICHENG: 6,
    FENGZE: 7,
    LUOJIANG: 2,
    QUANGANG: 3,
    HUIAN: 7,
    ANXI: 4,
    YONGCHUN: 2,
    DEHUA: 8,
    SHISHI: 18,
    JINJIANG: 28,
    NANAN: 10,
    TAISHANG: 2,
    ETDZ: 3,
  },
};

/**
 * The city's annual totals for 2024 and 2025 (亿元 or a count at year end), and its family. Retail 2025 and
 * imports + exports 2025 are the seed's; the rest are plausible for a city of that size.
 */
const CITY_TOTALS: Record<string, { family: keyof typeof SHARES; y2024: number; y2025: number }> = {
  retail_sales: { family: 'retail', y2024: 6163.36, y2025: 6416.06 },
  trade_total: { family: 'trade', y2024: 2290.52, y2025: 2363.8 },
  exports: { family: 'trade', y2024: 1702.35, y2025: 1771.6 },
  imports: { family: 'trade', y2024: 588.17, y2025: 592.2 },
  cbec: { family: 'cbec', y2024: 468.3, y2025: 532.75 },
  wholesale_retail: { family: 'retail', y2024: 5820.4, y2025: 6078.9 },
  catering: { family: 'retail', y2024: 612.8, y2025: 655.3 },
  fdi_utilised: { family: 'trade', y2024: 58.6, y2025: 61.2 },
  trade_enterprises: { family: 'count', y2024: 6380, y2025: 6715 },
  overseas_warehouses: { family: 'count', y2024: 121, y2025: 147 },
};

/** A month's share of the year (retail peaks at the Spring Festival and at year end; trade dips in February). */
const SEASON: Record<keyof typeof SHARES, number[]> = {
  retail: [9.6, 8.4, 7.6, 7.7, 8.1, 8.0, 7.8, 7.9, 8.2, 8.8, 8.7, 9.2],
  trade: [8.2, 5.9, 8.3, 8.2, 8.5, 8.4, 8.7, 8.6, 8.6, 8.4, 8.8, 9.4],
  cbec: [7.8, 6.0, 7.6, 7.9, 8.1, 8.0, 8.2, 8.3, 8.6, 8.9, 10.4, 10.2],
  count: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
};

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/**
 * The plan: figures for 2024 and 2025 (all months; quarterly indicators at quarter ends) and for `now`'s year up to
 * the last month published — a month's figures come out on the 20th of the next month (Asia/Shanghai); and the
 * targets of `now`'s year (growth rates for the counties and the city, confirmed; one county's still a draft).
 */
export function planDemoIndicators(now: Date): {
  indicators: readonly DemoIndicator[];
  figures: DemoFigure[];
  targets: DemoTarget[];
} {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  const thisYear = shanghai.getUTCFullYear();
  // The last published month: the previous month after the 20th, else the one before.
  let lastYear = thisYear;
  let lastMonth = shanghai.getUTCMonth() + 1 - (shanghai.getUTCDate() >= 20 ? 1 : 2);
  if (lastMonth < 1) {
    lastMonth += 12;
    lastYear -= 1;
  }
  const random = rng(20260417);
  const figures: DemoFigure[] = [];
  const growthOf = new Map<string, number>(); // indicator:county → this county's growth bias
  for (const ind of DEMO_INDICATORS) {
    const totals = CITY_TOTALS[ind.code];
    if (!totals) continue;
    const shares = SHARES[totals.family];
    const season = SEASON[totals.family];
    const seasonSum = season.reduce((s, v) => s + v, 0);
    const cityGrowth = totals.y2025 / totals.y2024;
    // 2024 (the base of 2025's growth), the seed's 2025, then each year up to the last published month's.
    const years: [number, number][] = [
      [2024, totals.y2024],
      [2025, totals.y2025],
    ];
    for (let y = 2026; y <= lastYear; y++) {
      const previous = (years[years.length - 1] as [number, number])[1];
      years.push([y, previous * (cityGrowth + (random.next() - 0.5) * 0.02)]);
    }
    const shareSum = COUNTIES.reduce((s, c) => s + shares[c], 0);
    for (const c of COUNTIES) growthOf.set(`${ind.code}:${c}`, (random.next() - 0.5) * 0.08);
    const yearValues = new Map<string, number[]>(); // `${year}:${unit}` → cumulative or stock by month
    for (const [year, cityAnnual] of years) {
      const months =
        year < lastYear || (year === lastYear && year !== thisYear) ? 12 : year === lastYear ? lastMonth : 0;
      if (months === 0) continue;
      // Counties: their share, drifting by their own growth bias from 2025 on (then rescaled to the city total).
      const weights = COUNTIES.map((c) => {
        const bias = year >= 2025 ? 1 + (growthOf.get(`${ind.code}:${c}`) ?? 0) * (year - 2024) : 1;
        return (shares[c] / shareSum) * bias;
      });
      const wSum = weights.reduce((s, w) => s + w, 0);
      const annual = COUNTIES.map((_, i) => (cityAnnual * (weights[i] as number)) / wSum);
      COUNTIES.forEach((c, i) => {
        const series: number[] = [];
        let cum = 0;
        for (let m = 1; m <= months; m++) {
          const a = annual[i] as number;
          if (ind.kind === 'stock') {
            // A stock grows through the year from last year's level towards this year's.
            const start = a / (year === 2024 ? 1.05 : cityGrowth);
            series.push(round(start + ((a - start) * m) / 12, ind.decimals));
          } else {
            const noise = 1 + (random.next() - 0.5) * 0.06;
            cum += ((a * (season[m - 1] as number)) / seasonSum) * noise;
            series.push(cum);
          }
        }
        yearValues.set(`${year}:${c}`, series);
      });
      // Cumulative series: scale each county so that December hits its annual value, then round.
      if (ind.kind !== 'stock') {
        COUNTIES.forEach((c, i) => {
          const series = yearValues.get(`${year}:${c}`) as number[];
          const scale = months === 12 ? (annual[i] as number) / (series[11] as number) : 1;
          yearValues.set(
            `${year}:${c}`,
            series.map((v) => round(v * scale, ind.decimals)),
          );
        });
      }
      // The seed's city totals are exact: the largest county absorbs the rounding.
      if (months === 12) {
        const biggest = COUNTIES.reduce((b, c) => (shares[c] > shares[b] ? c : b));
        const dec = COUNTIES.reduce((s, c) => s + ((yearValues.get(`${year}:${c}`) as number[])[11] as number), 0);
        const fix = round(cityAnnual, ind.decimals) - dec;
        const series = yearValues.get(`${year}:${biggest}`) as number[];
        series[11] = round((series[11] as number) + fix, ind.decimals);
      }
      const city: number[] = [];
      for (let m = 0; m < months; m++) {
        city.push(
          round(
            COUNTIES.reduce((s, c) => s + ((yearValues.get(`${year}:${c}`) as number[])[m] as number), 0),
            ind.decimals,
          ),
        );
      }
      yearValues.set(`${year}:${CITY}`, city);
    }
    for (const [year] of years) {
      for (const unit of [CITY, ...COUNTIES]) {
        const series = yearValues.get(`${year}:${unit}`);
        if (!series) continue;
        const base = yearValues.get(`${year - 1}:${unit}`);
        series.forEach((value, i) => {
          const month = i + 1;
          if (ind.frequency === 'quarterly' && month % 3 !== 0) return;
          const computed = base ? yoyGrowth(value, base[i]) : null;
          let reportedYoy = computed == null ? null : round(computed, 1);
          // Planted: the bureau's 晋江市 retail YoY for March of the latest year is off by 0.4 point.
          if (
            reportedYoy != null &&
            ind.code === 'retail_sales' &&
            unit === 'JINJIANG' &&
            month === 3 &&
            year === lastYear
          ) {
            reportedYoy = round(reportedYoy + 0.4, 1);
          }
          figures.push({ indicator: ind.code, unit, year, month, value, reportedYoy });
        });
      }
    }
  }
  const targets: DemoTarget[] = [];
  const GROWTH_TARGETS: Record<string, number> = {
    retail_sales: 5,
    trade_total: 4,
    exports: 4.5,
    imports: 2,
    cbec: 12,
    wholesale_retail: 5,
    catering: 6,
    fdi_utilised: 3,
  };
  for (const [code, rate] of Object.entries(GROWTH_TARGETS)) {
    targets.push({ indicator: code, unit: CITY, year: thisYear, kind: 'growth', value: rate, state: 'confirmed' });
    for (const c of COUNTIES) {
      targets.push({
        indicator: code,
        unit: c,
        year: thisYear,
        kind: 'growth',
        value: round(rate + (random.next() - 0.3) * 2, 1),
        state: c === 'ETDZ' ? 'draft' : 'confirmed',
      });
    }
  }
  targets.push({
    indicator: 'overseas_warehouses',
    unit: CITY,
    year: thisYear,
    kind: 'value',
    value: 170,
    state: 'confirmed',
  });
  return { indicators: DEMO_INDICATORS, figures, targets };
}
