import { CalendarDate } from './calendarDate';

/**
 * What the backend tells clients about its clock and settings, so that the UI
 * never decides "today" from the browser's clock.
 *
 * @public
 */
export type CapaInstallationInfo = {
  /** The configured IANA time zone in which days are decided. */
  timeZone: string;
  /** Today in that zone, by the server's clock. */
  today: CalendarDate;
  /** How many days before its due date a record counts as due soon. */
  dueSoonDays: number;
};

/**
 * Defaults of the `capa` config block.
 *
 * @public
 */
export const CAPA_CONFIG_DEFAULTS = {
  timeZone: 'UTC',
  dueSoonDays: 7,
  demoData: false,
} as const;
