// Replaced by the real page.
export const CapaPage = () => null;
