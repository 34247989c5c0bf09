import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  PAYCOR_ANNOTATIONS,
  RELATION_MANAGER_OF,
  RELATION_REPORTS_TO,
} from '@paycor-backstage/plugin-paycor-common';

/**
 * Turns the manager a User names into relations, the way Backstage intends
 * custom relations: the provider writes the manager's User ref on the User
 * (`paycor.com/manager-ref`), and while the catalog processes that User this
 * emits `reportsTo` (User → manager) and `managerOf` (manager → User). Both
 * rows belong to the User's processing, so they follow every change of the
 * annotation and disappear with it; the manager's own entity is never
 * touched.
 *
 * It reads the annotation on any User, so a hand-written User can take part
 * too. A value that is not a User ref is reported as a processing error of
 * that User; a User naming itself gets no relation.
 *
 * @public
 */
export class PaycorReportingLinesProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'PaycorReportingLinesProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (entity.kind !== 'User') return entity;
    const value = entity.metadata.annotations?.[PAYCOR_ANNOTATIONS.managerRef];
    if (!value) return entity;

    const self = getCompoundEntityRef(entity);
    let manager;
    try {
      manager = parseEntityRef(value, {
        defaultKind: 'user',
        defaultNamespace: self.namespace,
      });
    } catch (error) {
      emit(
        processingResult.inputError(
          location,
          `${PAYCOR_ANNOTATIONS.managerRef} of ${self.kind}:${self.namespace}/${
            self.name
          } is not an entity ref: ${(error as Error).message}`,
        ),
      );
      return entity;
    }
    if (manager.kind.toLocaleLowerCase('en-US') !== 'user') {
      emit(
        processingResult.inputError(
          location,
          `${PAYCOR_ANNOTATIONS.managerRef} must refer to a User, got kind "${manager.kind}" (${value})`,
        ),
      );
      return entity;
    }
    const same = (a: string, b: string) =>
      a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
    if (
      same(manager.namespace, self.namespace) &&
      same(manager.name, self.name)
    ) {
      return entity;
    }

    emit(
      processingResult.relation({
        source: self,
        type: RELATION_REPORTS_TO,
        target: manager,
      }),
    );
    emit(
      processingResult.relation({
        source: manager,
        type: RELATION_MANAGER_OF,
        target: self,
      }),
    );
    return entity;
  }
}
