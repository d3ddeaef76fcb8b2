/**
 * The lifecycle of CAPA records and their actions: which statuses exist and
 * which moves between them are legal. The backend enforces it; the UI offers
 * only the moves it allows.
 */

/**
 * Statuses of a CAPA record, in the order work moves through them.
 *
 * @public
 */
export const CAPA_STATUSES = [
  'open',
  'in_progress',
  'implemented',
  'awaiting_verification',
  'verified_effective',
  'closed',
  'cancelled',
] as const;

/** @public */
export type CapaStatus = (typeof CAPA_STATUSES)[number];

/**
 * Statuses of an action.
 *
 * @public
 */
export const ACTION_STATUSES = [
  'open',
  'in_progress',
  'done',
  'not_doing',
] as const;

/** @public */
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * Statuses after which nothing is left to do: neither overdue nor due soon.
 *
 * @public
 */
export const FINISHED_STATUSES: ReadonlyArray<CapaStatus | ActionStatus> = [
  'closed',
  'cancelled',
  'done',
  'not_doing',
];

/**
 * Whether a CAPA or action is finished (closed, cancelled, done, not doing).
 *
 * @public
 */
export function isFinished(status: CapaStatus | ActionStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

/** A legal move: from which statuses, to which, and whether it needs a reason. */
type Move<S extends string> = {
  from: readonly S[];
  to: S;
  label: string;
  reasonRequired: boolean;
};

/**
 * The moves of a CAPA record. Recording the effectiveness check moves it to
 * verified effective when the check found it effective, and back to in
 * progress when not; only a verified-effective CAPA can close.
 *
 * @public
 */
export const CAPA_TRANSITIONS = {
  start: {
    from: ['open'],
    to: 'in_progress',
    label: 'Start',
    reasonRequired: false,
  },
  markImplemented: {
    from: ['open', 'in_progress'],
    to: 'implemented',
    label: 'Mark implemented',
    reasonRequired: false,
  },
  requestVerification: {
    from: ['implemented'],
    to: 'awaiting_verification',
    label: 'Request verification',
    reasonRequired: false,
  },
  recordEffectiveness: {
    from: ['implemented', 'awaiting_verification'],
    to: 'verified_effective',
    label: 'Record effectiveness check',
    reasonRequired: false,
  },
  close: {
    from: ['verified_effective'],
    to: 'closed',
    label: 'Close',
    reasonRequired: false,
  },
  cancel: {
    from: [
      'open',
      'in_progress',
      'implemented',
      'awaiting_verification',
      'verified_effective',
    ],
    to: 'cancelled',
    label: 'Cancel',
    reasonRequired: true,
  },
  reopen: {
    from: ['implemented', 'awaiting_verification', 'verified_effective'],
    to: 'in_progress',
    label: 'Reopen',
    reasonRequired: true,
  },
} as const satisfies Record<string, Move<CapaStatus>>;

/** @public */
export type CapaTransition = keyof typeof CAPA_TRANSITIONS;

/**
 * The moves of an action.
 *
 * @public
 */
export const ACTION_TRANSITIONS = {
  start: {
    from: ['open'],
    to: 'in_progress',
    label: 'Start',
    reasonRequired: false,
  },
  complete: {
    from: ['open', 'in_progress'],
    to: 'done',
    label: 'Mark done',
    reasonRequired: false,
  },
  notDoing: {
    from: ['open', 'in_progress'],
    to: 'not_doing',
    label: 'Not doing',
    reasonRequired: true,
  },
  reopen: {
    from: ['done', 'not_doing'],
    to: 'in_progress',
    label: 'Reopen',
    reasonRequired: true,
  },
} as const satisfies Record<string, Move<ActionStatus>>;

/** @public */
export type ActionTransition = keyof typeof ACTION_TRANSITIONS;

/**
 * The status a CAPA moves to, or undefined when the move is not legal from
 * its current status. An effectiveness check that found the CAPA not
 * effective sends it back to in progress.
 *
 * @public
 */
export function nextCapaStatus(
  current: CapaStatus,
  transition: CapaTransition,
  effective?: boolean,
): CapaStatus | undefined {
  const move: Move<CapaStatus> = CAPA_TRANSITIONS[transition];
  if (!move.from.includes(current)) {
    return undefined;
  }
  if (transition === 'recordEffectiveness' && effective === false) {
    return 'in_progress';
  }
  return move.to;
}

/**
 * The status an action moves to, or undefined when the move is not legal.
 *
 * @public
 */
export function nextActionStatus(
  current: ActionStatus,
  transition: ActionTransition,
): ActionStatus | undefined {
  const move: Move<ActionStatus> = ACTION_TRANSITIONS[transition];
  return move.from.includes(current) ? move.to : undefined;
}

/**
 * The CAPA moves legal from a status, for the UI to offer.
 *
 * @public
 */
export function legalCapaTransitions(current: CapaStatus): CapaTransition[] {
  return (Object.keys(CAPA_TRANSITIONS) as CapaTransition[]).filter(t =>
    (CAPA_TRANSITIONS[t].from as readonly CapaStatus[]).includes(current),
  );
}

/**
 * The action moves legal from a status, for the UI to offer.
 *
 * @public
 */
export function legalActionTransitions(
  current: ActionStatus,
): ActionTransition[] {
  return (Object.keys(ACTION_TRANSITIONS) as ActionTransition[]).filter(t =>
    (ACTION_TRANSITIONS[t].from as readonly ActionStatus[]).includes(current),
  );
}

/**
 * Display labels of the statuses.
 *
 * @public
 */
export const statusLabels: Record<CapaStatus | ActionStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  implemented: 'Implemented',
  awaiting_verification: 'Awaiting verification',
  verified_effective: 'Verified effective',
  closed: 'Closed',
  cancelled: 'Cancelled',
  done: 'Done',
  not_doing: 'Not doing',
};
