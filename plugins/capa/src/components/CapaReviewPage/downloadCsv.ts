/**
 * Hands CSV text to the browser as a file download. The byte order mark makes
 * spreadsheet programs read the file as UTF-8, so names with accents survive.
 */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked once the click has been handled, not during it: some browsers
    // start the download only after the event.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
