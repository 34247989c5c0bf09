import { randomBytes } from 'node:crypto';

/**
 * The APIm subscription keys the sandbox's gateway accepts. Usually one (the app's);
 * `mintTokens({ newSubscriptionKey: true })` adds more, each with its own rate-limit
 * bucket, so a test can hammer the API without eating the backend's quota.
 */
export class SubscriptionKeys {
  private readonly keys = new Set<string>();

  constructor(readonly primary: string) {
    this.keys.add(primary);
  }

  isValid(key: string): boolean {
    return this.keys.has(key);
  }

  /** 32 lowercase hex characters, the shape of an Azure APIM key. */
  mint(): string {
    const key = randomBytes(16).toString('hex');
    this.keys.add(key);
    return key;
  }
}
