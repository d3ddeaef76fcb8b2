import {
  calendarDateInZone,
  CapaInstallationInfo,
} from '@internal/backstage-plugin-capa-common';
import { CapaConfig } from '../config';
import { Clock } from './Clock';

/** Today and the day-deciding settings, by the server's clock. */
export function describeInstallation(
  config: CapaConfig,
  clock: Clock,
): CapaInstallationInfo {
  return {
    timeZone: config.timeZone,
    today: calendarDateInZone(clock.now(), config.timeZone),
    dueSoonDays: config.dueSoonDays,
  };
}
