import { QuarterlyReview } from '@internal/backstage-plugin-capa-common';
import { reviewFixture } from '../../__testUtils__/fixtures';
import { reviewCsvFileName, reviewToCsv } from './reviewCsv';

/** The CSV's sections, each a list of lines, split at the empty lines. */
function sections(csv: string): string[][] {
  return csv
    .replace(/\r\n$/, '')
    .split('\r\n\r\n')
    .map(section => section.split('\r\n'));
}

function summaryValue(csv: string, figure: string): string | undefined {
  const line = sections(csv)[0].find(l => l.startsWith(`${figure},`));
  return line?.slice(figure.length + 1);
}

describe('reviewToCsv', () => {
  it('has every section, each under one header row', () => {
    const csv = reviewToCsv(reviewFixture);
    expect(sections(csv).map(section => section[0])).toEqual([
      'Summary figure,Value',
      'Service,Postmortems,Patients affected,Actions opened,Actions closed,Actions overdue at quarter end',
      'Owner,CAPAs opened,CAPAs closed,Actions opened,Actions closed,Actions closed on time,CAPAs and actions overdue at quarter end',
      'Overdue CAPA,Title,Owner,Due date,Days overdue',
      'Recurring CAPA,Title,Owner,Postmortems',
    ]);
    const [, service, owner, overdue, recurring] = sections(csv);
    expect(service.slice(1)).toEqual([
      'component:default/clinical-engine,1,40,3,1,1',
    ]);
    expect(owner.slice(1)).toEqual([
      'group:default/platform-circle,1,0,4,2,2,1',
    ]);
    expect(overdue.slice(1)).toEqual([
      'CAPA-2,A hotfix mechanism for the clinical engine,user:default/anna.devries,2024-03-01,30',
    ]);
    expect(recurring.slice(1)).toEqual([
      'CAPA-3,Monitoring and data resilience,group:default/quality,2',
    ]);
  });

  it('writes CRLF line breaks and ends with one', () => {
    const csv = reviewToCsv(reviewFixture);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('gives figures as plain numbers, and nothing where the server gave none', () => {
    const csv = reviewToCsv(reviewFixture);
    expect(summaryValue(csv, 'Quarter')).toBe('2024-Q1');
    expect(summaryValue(csv, 'Postmortems')).toBe('2');
    expect(summaryValue(csv, 'Patients affected')).toBe('41');
    expect(summaryValue(csv, 'Organisations affected')).toBe('23');
    expect(summaryValue(csv, 'Median lead time (minutes)')).toBe('600');
    expect(summaryValue(csv, 'Postmortems with priority Prio 1')).toBe('1');
    expect(summaryValue(csv, 'Postmortems with priority Prio 3')).toBe('0');
    expect(summaryValue(csv, 'Postmortems classified Blocker')).toBe('1');
    expect(summaryValue(csv, 'CAPAs on-time closure rate (%)')).toBe('100');
    expect(summaryValue(csv, 'Actions on-time closure rate (%)')).toBe('75');
    expect(summaryValue(csv, 'Actions set to not doing')).toBe('1');
    expect(summaryValue(csv, 'Actions overdue at quarter end')).toBe('2');
    expect(summaryValue(csv, 'Actions open 181+ days at quarter end')).toBe(
      '1',
    );
    expect(summaryValue(csv, 'Per service list cut to the 100 busiest')).toBe(
      'no',
    );

    const quiet: QuarterlyReview = {
      ...reviewFixture,
      postmortems: {
        ...reviewFixture.postmortems,
        medianLeadTimeMinutes: undefined,
        byPriority: [{ key: 'unset', count: 2 }],
      },
      capas: { ...reviewFixture.capas, closed: 0, closedOnTime: 0 },
      actions: { ...reviewFixture.actions, closed: 3, closedOnTime: 2 },
    };
    const quietCsv = reviewToCsv(quiet);
    expect(summaryValue(quietCsv, 'Median lead time (minutes)')).toBe('');
    expect(summaryValue(quietCsv, 'CAPAs on-time closure rate (%)')).toBe('');
    expect(summaryValue(quietCsv, 'Actions on-time closure rate (%)')).toBe(
      '66.7',
    );
    expect(summaryValue(quietCsv, 'Postmortems with priority Not set')).toBe(
      '2',
    );
  });

  it('quotes fields with commas, quotes or line breaks, doubling inner quotes', () => {
    const review: QuarterlyReview = {
      ...reviewFixture,
      overdueCapas: [
        {
          ...reviewFixture.overdueCapas[0],
          key: 'CAPA-7',
          title: 'Alarms, "silent" ones\r\nand others\nand more',
        },
      ],
      recurringCapas: [
        { ...reviewFixture.recurringCapas[0], title: 'Plain title' },
      ],
    };
    const csv = reviewToCsv(review);
    expect(csv).toContain(
      'CAPA-7,"Alarms, ""silent"" ones\r\nand others\nand more",user:default/anna.devries,2024-03-01,30\r\n',
    );
    expect(csv).toContain('CAPA-3,Plain title,group:default/quality,2\r\n');
  });

  it('keeps spreadsheets from running titles as formulas', () => {
    const review: QuarterlyReview = {
      ...reviewFixture,
      recurringCapas: [
        {
          ...reviewFixture.recurringCapas[0],
          title: '=HYPERLINK("http://example.com","x")',
        },
        {
          ...reviewFixture.recurringCapas[0],
          capaId: 'other',
          key: 'CAPA-9',
          title: '-1 patients',
        },
      ],
    };
    const recurring = sections(reviewToCsv(review))[4];
    expect(recurring.slice(1)).toEqual([
      `CAPA-3,"'=HYPERLINK(""http://example.com"",""x"")",group:default/quality,2`,
      `CAPA-9,'-1 patients,group:default/quality,2`,
    ]);
  });

  it('keeps the sections when the quarter has no data', () => {
    const empty: QuarterlyReview = {
      ...reviewFixture,
      recurringCapas: [],
      overdueCapas: [],
      byEntity: { rows: [], truncated: false },
      byOwner: { rows: [], truncated: false },
    };
    const parts = sections(reviewToCsv(empty));
    expect(parts).toHaveLength(5);
    expect(parts.slice(1).map(part => part.length)).toEqual([1, 1, 1, 1]);
  });

  it('names the file after the quarter', () => {
    expect(reviewCsvFileName(reviewFixture)).toBe('capa-review-2024-Q1.csv');
  });
});
