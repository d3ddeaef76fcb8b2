import { Link, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CapaAction } from '@internal/backstage-plugin-capa-common';
import { capaRouteRef } from '../../routes';
import { DueStateChip, StatusChip } from './chips';

/**
 * The columns every table of actions shows, in one place: due state first
 * (overdue plainly flagged), the action, its CAPA, owner, due date, status.
 */
export function useActionColumns(
  options: { title?: string; showCapa?: boolean } = {},
): TableColumn<CapaAction>[] {
  const capaLink = useRouteRef(capaRouteRef);
  return [
    {
      title: 'Due',
      field: 'dueState',
      width: '8em',
      render: a => <DueStateChip state={a.dueState} />,
    },
    { title: options.title ?? 'Action', field: 'title', highlight: true },
    ...(options.showCapa === false
      ? []
      : [
          {
            title: 'CAPA',
            field: 'capaKey',
            width: '7em',
            render: (a: CapaAction) => (
              <Link to={capaLink({ id: a.capaId })}>{a.capaKey}</Link>
            ),
          },
        ]),
    {
      title: 'Owner',
      field: 'ownerRef',
      render: a => <EntityRefLink entityRef={a.ownerRef} />,
    },
    {
      title: 'Due date',
      field: 'dueDate',
      width: '8em',
      cellStyle: { whiteSpace: 'nowrap' },
    },
    {
      title: 'Status',
      field: 'status',
      width: '9em',
      render: a => <StatusChip status={a.status} />,
    },
  ];
}
