/**
 * A synthetic installation for the benchmarks: services in the catalog,
 * owners, postmortems, CAPAs and actions with realistic spreads. Seeded, so
 * every run of a size is the same data.
 */

/** The three sizes of the benchmark. */
export const SIZES = {
  small: {
    actions: 1_000,
    capas: 100,
    postmortems: 200,
    entities: 500,
    owners: 100,
    bigGroupEntities: 250,
  },
  medium: {
    actions: 10_000,
    capas: 1_000,
    postmortems: 2_000,
    entities: 2_000,
    owners: 200,
    bigGroupEntities: 1_000,
  },
  large: {
    actions: 100_000,
    capas: 5_000,
    postmortems: 20_000,
    entities: 10_000,
    owners: 500,
    bigGroupEntities: 5_000,
  },
} as const;

export type BenchSize = keyof typeof SIZES;

/** The group with the most to do, and a user in it whose board we measure. */
export const BIG_GROUP = 'group:default/big-team';
export const BENCH_USER = 'user:default/bench-user';

/** A small, fast, seeded PRNG (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const component = (i: number) => `component:default/svc-${i}`;
const uuid = (kind: number, i: number) =>
  `00000000-0000-4${kind.toString(16).padStart(3, '0')}-8000-${i
    .toString(16)
    .padStart(12, '0')}`;

function day(today: Date, offset: number): string {
  const d = new Date(today.getTime());
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** The owners: a few groups and many users; the big group is one of them. */
export function owners(size: BenchSize): string[] {
  const count = SIZES[size].owners;
  const groups = Math.max(5, Math.floor(count / 10));
  return [
    BIG_GROUP,
    ...Array.from({ length: groups - 1 }, (_, i) => `group:default/team-${i}`),
    ...Array.from(
      { length: count - groups },
      (_, i) => `user:default/person-${i}`,
    ),
  ];
}

/** The catalog as YAML documents: services, groups and users. */
export function catalogYaml(size: BenchSize): string {
  const spec = SIZES[size];
  const all = owners(size);
  const groups = all.filter(o => o.startsWith('group:'));
  const users = all.filter(o => o.startsWith('user:'));
  const docs: string[] = [];
  for (let i = 0; i < spec.entities; i++) {
    // One group owns the first bigGroupEntities services.
    const owner =
      i < spec.bigGroupEntities
        ? BIG_GROUP
        : groups[1 + (i % (groups.length - 1))];
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-${i}\nspec:\n  type: service\n  lifecycle: production\n  owner: ${owner}\n`,
    );
  }
  for (const group of groups) {
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${
        group.split('/')[1]
      }\nspec:\n  type: team\n  children: []\n`,
    );
  }
  docs.push(
    `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: bench-user\nspec:\n  memberOf: [big-team]\n`,
  );
  for (const user of users) {
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ${
        user.split('/')[1]
      }\nspec:\n  memberOf: [${
        groups[1 + (users.indexOf(user) % (groups.length - 1))].split('/')[1]
      }]\n`,
    );
  }
  return docs.join('---\n');
}

/** Rows of the capa tables for a size, as of `today`. */
export function capaRows(size: BenchSize, today: Date) {
  const spec = SIZES[size];
  const rand = random(42);
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(rand() * items.length)];
  // Skewed towards low indices: some services have many incidents.
  const busyEntity = () => Math.floor(spec.entities * rand() ** 3);
  const allOwners = owners(size);
  const owner = () => (rand() < 0.3 ? BIG_GROUP : pick(allOwners));
  const now = new Date(today.getTime());
  const stamps = {
    created_by: 'user:default/bench',
    created_at: now,
    updated_at: now,
    version: 1,
  };

  const postmortems = Array.from({ length: spec.postmortems }, (_, i) => ({
    id: uuid(1, i),
    title: `Incident ${i}`,
    incident_date: day(today, -Math.floor(rand() * 730)),
    priority: pick(['P1', 'P2', 'P2', 'P3', 'P4']),
    classification: pick([
      'blocker',
      'critical',
      'high',
      'high',
      'medium',
      'low',
    ]),
    status: rand() < 0.05 ? 'archived' : 'published',
    timeline: '[]',
    lead_time_minutes: Math.floor(rand() * 1_500),
    correction_time_minutes: Math.floor(rand() * 5_000),
    organisations_affected: Math.floor(rand() * 30),
    patients_affected: Math.floor(rand() * 500),
    ...stamps,
  }));
  const postmortemEntities = postmortems.flatMap((p, i) => {
    const first = busyEntity();
    const second = busyEntity();
    return first === second || i % 3 !== 0
      ? [{ postmortem_id: p.id, entity_ref: component(first) }]
      : [
          { postmortem_id: p.id, entity_ref: component(first) },
          { postmortem_id: p.id, entity_ref: component(second) },
        ];
  });

  const capaStatuses = [
    'open',
    'in_progress',
    'in_progress',
    'implemented',
    'awaiting_verification',
    'verified_effective',
    'closed',
    'closed',
    'cancelled',
  ] as const;
  const capas = Array.from({ length: spec.capas }, (_, i) => {
    const status = pick(capaStatuses);
    const finished = status === 'closed' || status === 'cancelled';
    const opened = -Math.floor(rand() * 500) - 1;
    return {
      id: uuid(2, i),
      seq: i + 1,
      key: `CAPA-${i + 1}`,
      title: `CAPA ${i}`,
      problem_statement: 'Synthetic',
      type: pick(['corrective', 'preventive', 'both']),
      owner_ref: owner(),
      due_date: day(today, Math.floor(rand() * 240) - 120),
      status,
      finished: finished ? 1 : 0,
      finished_on: finished
        ? day(today, Math.min(-1, opened + Math.floor(rand() * 200)))
        : null,
      severity: pick(['low', 'medium', 'high', 'critical']),
      opened_on: day(today, opened),
      ...stamps,
    };
  });
  const capaPostmortems = capas.flatMap((c, i) =>
    i % 4 === 0
      ? [
          {
            capa_id: c.id,
            postmortem_id: postmortems[i % postmortems.length].id,
          },
        ]
      : [],
  );

  const actionStatuses = [
    'open',
    'open',
    'open',
    'open',
    'in_progress',
    'in_progress',
    'done',
    'done',
    'done',
    'not_doing',
  ] as const;
  const actions = Array.from({ length: spec.actions }, (_, i) => {
    const status = pick(actionStatuses);
    const finished = status === 'done' || status === 'not_doing';
    const opened = -Math.floor(rand() * 400) - 1;
    return {
      id: uuid(3, i),
      capa_id: capas[Math.floor(rand() * capas.length)].id,
      postmortem_id:
        rand() < 0.8
          ? postmortems[Math.floor(rand() * postmortems.length)].id
          : null,
      title: `Action ${i}`,
      owner_ref: owner(),
      due_date: day(today, Math.floor(rand() * 210) - 90),
      status,
      finished: finished ? 1 : 0,
      finished_on: finished
        ? day(today, Math.min(-1, opened + Math.floor(rand() * 150)))
        : null,
      opened_on: day(today, opened),
      ...stamps,
    };
  });
  // The links carry their action's list order and done day, as the store
  // keeps them.
  const actionEntities = actions.map(a => ({
    action_id: a.id,
    entity_ref: component(busyEntity()),
    finished: a.finished,
    due_date: a.due_date,
    done_on: a.status === 'done' ? a.finished_on : null,
  }));

  return {
    postmortems,
    postmortemEntities,
    capas,
    capaPostmortems,
    actions,
    actionEntities,
  };
}
