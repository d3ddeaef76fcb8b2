import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CAPA_CONFIG_DEFAULTS } from '@internal/backstage-plugin-capa-common';
import { IANAZone } from 'luxon';

/** The `capa` config block, with defaults applied and checked. */
export type CapaConfig = {
  timeZone: string;
  dueSoonDays: number;
  demoData: boolean;
  closeRequiresActionsFinished: boolean;
  overdueCheckSchedule: SchedulerServiceTaskScheduleDefinition;
};

/** Every 15 minutes, starting a minute after the backend, for at most 10. */
const DEFAULT_OVERDUE_CHECK_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

/**
 * Reads the `capa` block. A wrong value stops the backend at start with a
 * message naming the key, rather than deciding due dates in the wrong zone.
 */
export function readCapaConfig(config: Config): CapaConfig {
  const timeZone =
    config.getOptionalString('capa.timeZone') ?? CAPA_CONFIG_DEFAULTS.timeZone;
  if (!IANAZone.isValidZone(timeZone)) {
    throw new Error(
      `capa.timeZone: '${timeZone}' is not an IANA time zone such as Europe/Amsterdam`,
    );
  }
  const dueSoonDays =
    config.getOptionalNumber('capa.dueSoonDays') ??
    CAPA_CONFIG_DEFAULTS.dueSoonDays;
  if (!Number.isInteger(dueSoonDays) || dueSoonDays < 0 || dueSoonDays > 365) {
    throw new Error(
      `capa.dueSoonDays: must be a whole number of days from 0 to 365, got ${dueSoonDays}`,
    );
  }
  return {
    timeZone,
    dueSoonDays,
    demoData:
      config.getOptionalBoolean('capa.demoData') ??
      CAPA_CONFIG_DEFAULTS.demoData,
    closeRequiresActionsFinished:
      config.getOptionalBoolean('capa.closeRequiresActionsFinished') ?? true,
    overdueCheckSchedule: config.has('capa.overdueCheck.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('capa.overdueCheck.schedule'),
        )
      : DEFAULT_OVERDUE_CHECK_SCHEDULE,
  };
}
