// Replaced by the real pages.
export const PostmortemListPage = () => null;
export const PostmortemPage = () => null;
export const PostmortemFormPage = () => null;
