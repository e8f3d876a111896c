/**
 * The cockpit's figure imports (issue 5) on the spreadsheet import framework:
 *
 * - `indicator_figures`, the long layout: one row per unit, indicator and period (figures-long.import.ts);
 * - `bureau_sheet`, the statistics bureau's wide layout: one row per county for one indicator and period given with
 *   the upload (figures-bureau.import.ts, with the accepted titles and the period a sheet's title names).
 *
 * Both check every row against figures-refs.import.ts (labels, the caller's `figure.report` scope, period ended,
 * indicator active and due, and for a unit's own staff the deadline) and finish in figures-plan.import.ts
 * (duplicates, the comparison with the stored figures, HQ's verifications, the payload); commit writes them in the
 * one transaction through `writeFiguresCounted` with the import's id and the sheet row, so the drill-down shows both.
 */
export {
  BUREAU_HEADER_ALIASES,
  BUREAU_SPEC,
  bureauColumns,
  bureauSheetImport,
  periodNamed,
} from './figures-bureau.import';
export { FIGURES_LONG_SPEC, indicatorFiguresImport, LONG_HEADER_ALIASES } from './figures-long.import';
export { CITY_ROW_LABELS, UNIT_NAME_ALIASES } from './figures-refs.import';
