const MINUTES_PER_HOUR = 60;
const HOURS_PER_DAY = 24;

/**
 * A duration in minutes as a reviewer reads it: "15 min", "18 h", "2 h 30 min",
 * "1 d 3 h"; "—" when there is none. From a day up, minutes no longer matter
 * and are rounded to the hour.
 */
export function formatMinutes(minutes: number | undefined): string {
  if (minutes === undefined || !Number.isFinite(minutes)) {
    return '—';
  }
  const total = Math.round(minutes);
  if (total < MINUTES_PER_HOUR) {
    return `${total} min`;
  }
  if (total < MINUTES_PER_HOUR * HOURS_PER_DAY) {
    const hours = Math.floor(total / MINUTES_PER_HOUR);
    const rest = total % MINUTES_PER_HOUR;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const allHours = Math.round(total / MINUTES_PER_HOUR);
  const days = Math.floor(allHours / HOURS_PER_DAY);
  const hours = allHours % HOURS_PER_DAY;
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/**
 * The share of closed work closed on or before its due date, in percent;
 * undefined when nothing was closed, as a rate of nothing means nothing.
 */
export function onTimeRate(figures: {
  closed: number;
  closedOnTime: number;
}): number | undefined {
  if (figures.closed <= 0) {
    return undefined;
  }
  return (figures.closedOnTime / figures.closed) * 100;
}

/** A percentage rounded to whole percents, or "—" when there is none. */
export function formatPercent(percent: number | undefined): string {
  return percent === undefined ? '—' : `${Math.round(percent)}%`;
}
