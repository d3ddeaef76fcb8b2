import { Route, Routes } from 'react-router-dom';
import { CapaBoardPage } from '../CapaBoardPage';
import { CapaPage } from '../CapaPage';
import {
  PostmortemFormPage,
  PostmortemListPage,
  PostmortemPage,
} from '../PostmortemPages';

/**
 * Everything under /capa: the owner board, CAPA pages and postmortem pages.
 * Notifications link to /capa/capas/:id.
 */
export function CapaPages() {
  return (
    <Routes>
      <Route path="/" element={<CapaBoardPage />} />
      <Route path="/capas/:id" element={<CapaPage />} />
      <Route path="/postmortems" element={<PostmortemListPage />} />
      <Route path="/postmortems/new" element={<PostmortemFormPage />} />
      <Route path="/postmortems/:id" element={<PostmortemPage />} />
      <Route path="/postmortems/:id/edit" element={<PostmortemFormPage />} />
    </Routes>
  );
}
