/** The cockpit's answer types, named once for the page's parts (all derived from the contract's routes). */
import type { RouteResponse } from '@zaitun/contracts';

export type CockpitData = RouteResponse<'getCockpit'>;
export type Headline = CockpitData['headline'][number];
export type IndicatorSummaryT = Headline['indicator'];
export type IndicatorTableData = RouteResponse<'getIndicatorTable'>;
export type IndicatorRow = IndicatorTableData['rows'][number];
export type LeagueData = RouteResponse<'getLeague'>;
export type LeagueRowT = LeagueData['rows'][number];
export type LeagueColumnT = LeagueData['columns'][number];
export type TrendData = RouteResponse<'getTrend'>;
