/**
 * Catalog backend module that keeps User and Group entities in step with a
 * Paycor legal entity.
 *
 * @packageDocumentation
 */
import { createCatalogModulePaycor } from './module';

/**
 * The Paycor catalog module: `backend.add(import('@paycor-backstage/plugin-catalog-backend-module-paycor'))`.
 *
 * @public
 */
export const catalogModulePaycor = createCatalogModulePaycor();
export default catalogModulePaycor;

export { createCatalogModulePaycor } from './module';
export { eventsModulePaycor } from './events/eventsModule';
export type { CatalogModulePaycorOptions } from './module';
export type { PlanWorkKind, PlanWorkListener } from './engine/work';
export { PaycorEntityProvider } from './provider/PaycorEntityProvider';
export { PaycorReportingLinesProcessor } from './provider/PaycorReportingLinesProcessor';
export type { Clock } from './store/clock';
export type { LiveUpdatesTiming } from './events/LiveUpdates';
