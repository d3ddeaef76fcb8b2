import {
  CountBy,
  POSTMORTEM_CLASSIFICATIONS,
  POSTMORTEM_PRIORITIES,
  postmortemLabels,
} from '@internal/backstage-plugin-capa-common';

/** The key the server gives postmortems without a priority or classification. */
const UNSET = 'unset';
const UNSET_LABEL = 'Not set';

/** A count under the label a reviewer reads. */
export type LabelledCount = { key: string; label: string; count: number };

function labelled(
  counts: CountBy[],
  order: readonly string[],
  labels: Record<string, string>,
): LabelledCount[] {
  const byKey = new Map(counts.map(c => [c.key, c.count]));
  // Every known value, empty ones too, so that quarters compare at a glance;
  // then whatever else the server counted, such as "unset".
  const keys = [
    ...order,
    ...counts.map(c => c.key).filter(key => !order.includes(key)),
  ];
  return keys.map(key => ({
    key,
    label: labels[key] ?? (key === UNSET ? UNSET_LABEL : key),
    count: byKey.get(key) ?? 0,
  }));
}

/** Postmortems per priority, most urgent first, each priority listed. */
export function priorityCounts(counts: CountBy[]): LabelledCount[] {
  return labelled(counts, POSTMORTEM_PRIORITIES, postmortemLabels.priority);
}

/** Postmortems per classification, worst first, each classification listed. */
export function classificationCounts(counts: CountBy[]): LabelledCount[] {
  return labelled(
    counts,
    POSTMORTEM_CLASSIFICATIONS,
    postmortemLabels.classification,
  );
}
