import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the CAPA plugin. */
  capa?: {
    /**
     * IANA time zone in which "today" is decided, and with it whether a record
     * is due soon or overdue. Defaults to UTC.
     * @visibility frontend
     */
    timeZone?: string;
    /**
     * How many days before its due date a record counts as due soon.
     * Defaults to 7.
     * @visibility frontend
     */
    dueSoonDays?: number;
    /**
     * Load the demo postmortems once, on the first start against an empty
     * database. Defaults to false; app-config.yaml turns it on for local use.
     */
    demoData?: boolean;
    /**
     * Whether a CAPA closes only when every action under it is done or not
     * doing. Defaults to true.
     */
    closeRequiresActionsFinished?: boolean;
    /**
     * The group whose members close CAPAs and administer postmortems, for
     * the app's permission policy. Defaults to group:default/quality.
     */
    qualityGroupRef?: string;
    /** The scheduled check that tells owners what became due soon or overdue. */
    overdueCheck?: {
      /**
       * When it runs; defaults to every 15 minutes, with a 10 minute timeout.
       * It runs on one backend at a time, whatever the number of replicas.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
