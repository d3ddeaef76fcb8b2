import {
  lastCompleteQuarter,
  QuarterlyReview,
} from '@internal/backstage-plugin-capa-common';
import { CapaStore } from '../database/CapaStore';
import { DueDates } from './DueDates';

/** The quarterly quality review, computed by the store in SQL. */
export class ReviewService {
  constructor(
    private readonly deps: { store: CapaStore; dueDates: DueDates },
  ) {}

  /** The review of a quarter; by default the last complete one, by the server's clock. */
  review(quarter?: string): Promise<QuarterlyReview> {
    return this.deps.store.review(
      quarter ?? lastCompleteQuarter(this.deps.dueDates.today()),
    );
  }
}
