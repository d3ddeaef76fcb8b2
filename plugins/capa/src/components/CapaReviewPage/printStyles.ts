import { makeStyles } from '@material-ui/core/styles';

/**
 * How the review prints: the app's sidebar, the page header and the controls
 * stay off paper, a plain heading takes the header's place, and cards are
 * neither shadowed nor clipped.
 */
export const usePrintStyles = makeStyles(
  {
    '@global': {
      '@media print': {
        'nav[aria-label="sidebar nav"], [data-testid="mobile-sidebar-root"]': {
          display: 'none !important',
        },
      },
    },
    page: {
      '@media print': {
        // The header's white text on a background image prints as nothing.
        '& [data-backstage-core-header]': { display: 'none' },
      },
    },
    noPrint: {
      '@media print': { display: 'none !important' },
    },
    printOnly: {
      display: 'none',
      '@media print': { display: 'block' },
    },
  },
  { name: 'CapaReviewPrint' },
);
