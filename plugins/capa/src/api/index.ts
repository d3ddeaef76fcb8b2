export * from './CapaApi';
export * from './CapaClient';
