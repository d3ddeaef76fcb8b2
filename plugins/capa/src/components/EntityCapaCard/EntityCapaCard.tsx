import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { normalizeEntityRef } from '@internal/backstage-plugin-capa-common';
import { WorkCounts } from '../EntityCapaContent/WorkCounts';

/**
 * A card for an entity's overview page: its open, overdue and due-soon
 * actions, with a link to the CAPA tab.
 *
 * @public
 */
export function EntityCapaCard() {
  const { entity } = useEntity();
  const entityRef = normalizeEntityRef(stringifyEntityRef(entity));
  return (
    <InfoCard
      title="CAPA"
      deepLink={{ title: 'Open the CAPA tab', link: 'capa' }}
    >
      <WorkCounts entityRef={entityRef} />
    </InfoCard>
  );
}
