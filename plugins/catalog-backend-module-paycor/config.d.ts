export interface Config {
  catalog?: {
    providers?: {
      /**
       * Paycor connections, keyed by provider id. Each id syncs one Paycor
       * legal entity into catalog Users and Groups.
       */
      paycor?: {
        [providerId: string]: {
          /** Paycor legal entity (client) id to sync. */
          legalEntityId: number | string;
        };
      };
    };
  };
}
