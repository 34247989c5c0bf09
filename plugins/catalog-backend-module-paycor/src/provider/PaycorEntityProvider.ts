import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/**
 * The catalog's handle on one Paycor connection. It only receives the
 * connection; reading, planning and applying live in engine/SyncEngine. The name
 * is stable per provider id because the catalog keys the provider's entities
 * on it: renaming it would orphan (and, by default, delete) every synced entity.
 *
 * @public
 */
export class PaycorEntityProvider implements EntityProvider {
  private resolveConnection!: (connection: EntityProviderConnection) => void;
  private readonly connected: Promise<EntityProviderConnection>;

  constructor(private readonly providerId: string) {
    this.connected = new Promise(resolve => {
      this.resolveConnection = resolve;
    });
  }

  static providerName(providerId: string) {
    return `paycor-org-provider:${providerId}`;
  }

  getProviderName(): string {
    return PaycorEntityProvider.providerName(this.providerId);
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.resolveConnection(connection);
  }

  /** Resolves once the catalog has connected the provider. */
  connection(): Promise<EntityProviderConnection> {
    return this.connected;
  }
}
