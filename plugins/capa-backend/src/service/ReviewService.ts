import {
  lastCompleteQuarter,
  QuarterlyReview,
} from '@internal/backstage-plugin-capa-common';
import { CapaStore } from '../database/CapaStore';
import { DueDates } from './DueDates';

/**
 * How long a computed review is served before it is computed again. The
 * review aggregates whole tables; a management review needs no fresher
 * figures, and a portal full of readers must not recompute it each time.
 */
export const REVIEW_CACHE_MS = 60_000;

/** The quarterly quality review, computed by the store in SQL. */
export class ReviewService {
  private readonly cache = new Map<
    string,
    { review: Promise<QuarterlyReview>; until: number }
  >();

  constructor(
    private readonly deps: {
      store: CapaStore;
      dueDates: DueDates;
      now?: () => number;
    },
  ) {}

  /**
   * The review of a quarter; by default the last complete one, by the
   * server's clock. Computed at most once a minute per quarter: concurrent
   * readers share one computation.
   */
  review(quarter?: string): Promise<QuarterlyReview> {
    const key = quarter ?? lastCompleteQuarter(this.deps.dueDates.today());
    const now = (this.deps.now ?? Date.now)();
    const cached = this.cache.get(key);
    if (cached && cached.until > now) {
      return cached.review;
    }
    const review = this.deps.store.review(key);
    this.cache.set(key, { review, until: now + REVIEW_CACHE_MS });
    // A failed computation is not kept: the next reader tries again.
    review.catch(() => this.cache.delete(key));
    // At most a few quarters are asked for; forget the rest.
    if (this.cache.size > 20) {
      this.cache.delete(this.cache.keys().next().value!);
    }
    return review;
  }
}
