export const EntityCapaCard = () => null;
