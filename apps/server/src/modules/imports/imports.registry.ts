/** Every import type, by the contract's `IMPORT_TYPES`; the compiler checks none is missing. */
import type { ImportType } from '@zaitun/contracts';
import { calendarImport } from '../calendar/calendar.import';
import { bureauSheetImport, indicatorFiguresImport } from '../indicators/figures.import';
import type { ImportTypeDef } from './imports.types';

export const IMPORT_DEFS: Record<ImportType, ImportTypeDef<string, unknown>> = {
  calendar: calendarImport,
  indicator_figures: indicatorFiguresImport,
  bureau_sheet: bureauSheetImport,
};
