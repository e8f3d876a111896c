import { expect, type Page, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.page';
import { CockpitPage } from '../pages/cockpit.page';
import { bureauSheet, FigureImportDialog, motionDone, xlsxRows } from '../pages/figure-import.page';
import { FiguresPage } from '../pages/figures.page';
import { LoginPage } from '../pages/login.page';

const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

/**
 * The indicator this spec imports: 出口额, a component of the county league (its growth). The cockpit spec reads the
 * retail headline and the second tile (进出口总额), the figures spec 社会消费品零售总额 — none reads exports.
 */
const INDICATOR = { code: 'exports', nameZh: '出口额', measureUnit: '亿元' };
/** The county whose figure is made the largest, so that it ranks first (a small exporter in the demo data). */
const COUNTY = '德化县';

interface Cell {
  figureId: string | null;
  value: number | null;
  reportedYoy: number | null;
  rank: number | null;
}
interface IndicatorTable {
  indicator: { id: string };
  city: Cell;
  rows: { unit: { unitId: string; nameZh: string }; cell: Cell }[];
}
interface League {
  columns: { key: string }[];
  rows: { unit: { nameZh: string }; rank: number | null; score: number | null; cells: { rank: number | null }[] }[];
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.ok(), `${url}: ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** The county's rank in the league's column `key` and its place in the league. */
function leagueRank(league: League, key: string, county: string) {
  const column = league.columns.findIndex((c) => c.key === key);
  expect(column, `league column ${key}`).toBeGreaterThanOrEqual(0);
  const row = league.rows.find((r) => r.unit.nameZh === county);
  expect(row, `${county} in the league`).toBeDefined();
  return { component: row?.cells[column]?.rank ?? null, rank: row?.rank ?? null, score: row?.score ?? null };
}

test('HQ imports the statistics bureau’s sheet: errors located and reported, the fixed sheet committed, the cockpit ranks the county first and drills down to the sheet row', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const shell = new AppShell(page);
  const cockpit = new CockpitPage(page);
  const importer = new FigureImportDialog(page);
  await expect(async () => {
    await new LoginPage(page).signInAndWait('hq', DEMO_PASSWORD);
  }).toPass({ timeout: 120_000 });

  // The period: the cockpit's (the latest month with the demo's figures, which has ended — due for HQ, who reports
  // after the deadline too). Before the 20th the last ended month has no figures yet and the cockpit's period picker
  // would not offer it.
  const before = await test.step('the cockpit before: the period, the county’s rank and league standing', async () => {
    const overview = await getJson<{
      year: number;
      month: number;
      headline: { indicator: { id: string; code: string } }[];
    }>(page, '/api/v1/cockpit');
    const indicatorId = overview.headline.find((h) => h.indicator.code === INDICATOR.code)?.indicator.id as string;
    expect(indicatorId).toBeTruthy();
    const { year, month } = overview;
    const table = await getJson<IndicatorTable>(
      page,
      `/api/v1/cockpit/indicator?indicatorId=${indicatorId}&year=${year}&month=${month}`,
    );
    const league = await getJson<League>(page, `/api/v1/cockpit/league?board=county&year=${year}&month=${month}`);
    const row = table.rows.find((r) => r.unit.nameZh === COUNTY);
    expect(row?.cell.rank, `${COUNTY} is not first before the import`).toBeGreaterThan(1);
    const standing = leagueRank(league, `${INDICATOR.code}.growth`, COUNTY);
    expect(standing.component).toBeGreaterThan(1);
    return { year, month, table, standing };
  });
  const { year, month } = before;

  // The sheet: every county and the city with the figures they have (so only the county and the city change), the
  // county's year-to-date exports larger than all others together, the city the sum of the counties.
  const biggest = Math.max(...before.table.rows.map((r) => r.cell.value ?? 0));
  const imported = Math.round(biggest * 2.5 * 100) / 100;
  const county = (r: IndicatorTable['rows'][number]) =>
    r.unit.nameZh === COUNTY
      ? [r.unit.nameZh, null, null, imported, null]
      : [r.unit.nameZh, null, null, r.cell.value, r.cell.reportedYoy];
  const countyRows = before.table.rows.map(county);
  const cityValue = Math.round(countyRows.reduce((sum, row) => sum + Number(row[3] ?? 0), 0) * 100) / 100;
  const goodRows = [['全市', null, null, cityValue, null], ...countyRows];
  const countyRow = 5 + goodRows.findIndex((r) => r[0] === COUNTY);
  const title = `${year}年1-${month}月各县（市、区）${INDICATOR.nameZh}`;
  const fileName = `${INDICATOR.nameZh}-${year}-${String(month).padStart(2, '0')}.xlsx`;

  await test.step('HQ opens 数据填报 and starts the bureau sheet import: indicator and period first', async () => {
    await shell.open('数据填报');
    await expect(page).toHaveURL(/\/cockpit\/figures/);
    await page.getByRole('tab', { name: '数据核验' }).click();
    await importer.openBureau();
    await importer.chooseParams(`${INDICATOR.nameZh}（${INDICATOR.measureUnit}）`, String(year), `${month} 月`);
    await expect(importer.dialog()).toContainText(`${INDICATOR.nameZh}，${year} 年 ${month} 月`);
  });

  await test.step('the template is an xlsx with the bureau’s headers', async () => {
    const template = await importer.downloadTemplate();
    expect(template.name).toMatch(/\.xlsx$/);
    const [header] = await xlsxRows(template.bytes);
    expect(header).toEqual(['县（市、区）', '本月', '同比%', '1-本月累计', '累计同比%']);
    await importer.screenshot('figure-import/01-upload-step');
  });

  // Errors: an unknown county (鲤城县), a non-number (晋江市's cumulative), 南安市 twice.
  const badRows = goodRows.map((r) => (r[0] === '晋江市' ? [r[0], null, null, '12,3o.5', null] : r));
  badRows.push(['鲤城县', null, null, 10, null]);
  badRows.push(goodRows.find((r) => r[0] === '南安市') as (string | number | null)[]);
  const at = (name: string) => 5 + badRows.findIndex((r) => r[0] === name);
  const unknownRow = 5 + badRows.length - 2;
  const duplicateRow = 5 + badRows.length - 1;

  await test.step('a sheet with errors: each located by row in the preview, nothing to commit', async () => {
    const preview = await importer.upload(
      `有误-${fileName}`,
      await bureauSheet({ title, indicatorName: INDICATOR.nameZh, month, rows: badRows }),
    );
    expect(preview.rowsInvalid).toBe(3);
    await expect(importer.dialog()).toContainText('3 行有错误');
    const errors = importer.errorRows();
    await expect(errors).toHaveCount(3);
    const rowOf = (n: number) => errors.filter({ has: page.getByRole('cell', { name: String(n), exact: true }) });
    await expect(rowOf(unknownRow)).toContainText('找不到单位「鲤城县」');
    await expect(rowOf(at('晋江市'))).toContainText('12,3o.5');
    await expect(rowOf(duplicateRow)).toContainText(`与第 ${at('南安市')} 行重复`);
    await expect(importer.commitButton()).toBeDisabled();
    await importer.screenshot('figure-import/02-preview-errors');
  });

  await test.step('the error report names the rows', async () => {
    const report = await importer.downloadErrorReport();
    expect(report.name).toMatch(/\.xlsx$/);
    const lines = (await xlsxRows(report.bytes)).map((r) => r.join(' '));
    expect(lines.some((l) => l.includes(String(unknownRow)) && l.includes('鲤城县'))).toBe(true);
    expect(lines.some((l) => l.includes(String(at('晋江市'))) && l.includes('12,3o.5'))).toBe(true);
    expect(lines.some((l) => l.includes(String(duplicateRow)) && l.includes(`第 ${at('南安市')} 行`))).toBe(true);
  });

  await test.step('the fixed sheet: no errors, the counts, committed', async () => {
    await importer.reupload();
    const preview = await importer.upload(
      fileName,
      await bureauSheet({ title, indicatorName: INDICATOR.nameZh, month, rows: goodRows }),
    );
    expect(preview.rowsInvalid).toBe(0);
    const { create, update, unchanged } = preview.changes;
    expect(create + update + unchanged).toBe(14);
    expect(update).toBeGreaterThanOrEqual(2);
    await expect(importer.dialog()).toContainText('校验通过，可以导入');
    await expect(importer.dialog()).toContainText(`新增 ${create} 条，修改 ${update} 条，不变 ${unchanged} 条`);
    await expect(importer.dialog().getByTestId('import-sample')).toContainText(COUNTY);
    await importer.screenshot('figure-import/03-preview-fixed');
    await importer.commit();
    await expect(importer.dialog()).toContainText('导入完成');
    await importer.close();
  });

  await test.step('the cockpit: the county’s imported figure ranks first, and the league table moves', async () => {
    const overview = await cockpit.goto();
    expect({ year: overview.year, month: overview.month }).toEqual({ year, month });
    const loaded = cockpit.answer('/indicator');
    await cockpit.tile(INDICATOR.code).click();
    await loaded;
    await expect(cockpit.countyView()).toContainText(INDICATOR.nameZh);
    const row = cockpit.countyRows().filter({ hasText: COUNTY });
    await expect(row.getByTestId('county-value')).toHaveText(imported.toFixed(2));
    await expect(row.locator('td').first()).toHaveText('1');
    await expect(cockpit.countyRows().first()).toContainText(COUNTY);

    const league = await getJson<League>(page, `/api/v1/cockpit/league?board=county&year=${year}&month=${month}`);
    const after = leagueRank(league, `${INDICATOR.code}.growth`, COUNTY);
    expect(after.component).toBe(1);
    expect(after.score).toBeGreaterThan(before.standing.score ?? 0);
    const leagueRow = cockpit.leagueRows().filter({ hasText: COUNTY });
    await expect(leagueRow.locator(`td[data-col="${INDICATOR.code}.growth"] .cockpit-league-rank`)).toHaveText('1');
    await expect(leagueRow.locator('td').first()).toHaveText(String(after.rank));
    await cockpit.expectLeagueFits();
    await shell.screenshot('figure-import/04-cockpit-after');
    await page.getByTestId('league').screenshot({ path: 'test-results/screenshots/figure-import/04-league-zh.png' });
    // A narrower window: the components that do not fit open under each unit, still no sideways scroll.
    await page.setViewportSize({ width: 900, height: 800 });
    await expect(page.getByTestId('league-table').locator('.ant-table-row-expand-icon').first()).toBeVisible();
    await cockpit.expectLeagueFits();
    await page.getByTestId('league-table').locator('.ant-table-row-expand-icon').first().click();
    await expect(page.getByTestId('league-more').first()).toBeVisible();
    await motionDone(page);
    await page.getByTestId('league').screenshot({ path: 'test-results/screenshots/figure-import/04-league-900.png' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step('the county’s figure drills down to the import: the file and the sheet row', async () => {
    await cockpit.countyRows().filter({ hasText: COUNTY }).getByTestId('county-value').click();
    const detail = cockpit.drawer().getByTestId('figure-detail');
    await expect(detail).toContainText(`统计局导入 · ${fileName} 第 ${countyRow} 行`);
    await expect(detail).toContainText(`${imported.toFixed(2)} 亿元`);
    await expect(
      cockpit.drawer().getByTestId('figure-history').locator('tbody tr.ant-table-row').first(),
    ).toContainText(fileName);
    await importer.screenshot('figure-import/05-drill-down');
    await cockpit.closeDrawer();
  });

  await test.step('the big screen: the county map drawn for the dark background', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/cockpit/screen');
    const map = page.getByTestId('county-map');
    await expect(map).toHaveAttribute('data-theme', 'dark');
    await expect(map.locator('svg text').first()).toBeVisible();
    await importer.screenshot('figure-import/06-screen-dark-map');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step('in English: the league table fits, the dialog reports the errors in English; back to Chinese', async () => {
    await cockpit.goto();
    await shell.switchLanguage('English');
    await cockpit.expectLeagueFits();
    await motionDone(page);
    await page.getByTestId('league').screenshot({ path: 'test-results/screenshots/figure-import/07-league-en.png' });
    await new FiguresPage(page).goto('verify');
    await importer.openBureau();
    await expect(importer.dialog()).toContainText('Import a statistics bureau sheet');
    await importer.chooseParams(`Exports (${INDICATOR.measureUnit})`, String(year), `Month ${month}`);
    await importer.upload(
      'bad-exports.xlsx',
      await bureauSheet({ title, indicatorName: INDICATOR.nameZh, month, rows: badRows }),
    );
    await expect(importer.dialog()).toContainText('3 rows have errors');
    await expect(importer.errorRows().filter({ hasText: String(unknownRow) })).toContainText('Unknown unit "鲤城县"');
    await expect(importer.commitButton()).toBeDisabled();
    await importer.screenshot('figure-import/08-preview-errors-en');
    await importer.close();
    // Saved to the account before the later specs sign in as hq and read Chinese.
    await shell.switchLanguage('简体中文');
  });
});
