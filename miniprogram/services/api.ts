// The one API client every service uses.
import { backendReady, createDefaultTransport, embeddedTransport } from '../backend';
import { createApiClient, type ApiClient } from '../core/client';
import { clearSession, currentToken } from '../core/session';
import { standIns, type StandIns } from '../core/stand-ins';
import type { EmbeddedTransport, Transport } from '../core/transport';

/** The transport in use; `isDefault` when it is the app's own (backend.ts), not one a test or the preview set. */
let transport: (Transport & { isDefault?: boolean }) | null = null;
let client: ApiClient | null = null;
let retryBaseDelayMs: number | undefined;

/** Replace the transport (tests, the browser preview); the next call uses it. */
export function useTransport(next: Transport, options: { retryBaseDelayMs?: number } = {}): void {
  transport = next;
  retryBaseDelayMs = options.retryBaseDelayMs;
  client = null;
}

export function api(): ApiClient {
  if (!client) {
    client = createApiClient({
      transport: transport ?? (transport = { ...createDefaultTransport(), isDefault: true }),
      token: currentToken,
      retryBaseDelayMs,
      onIdentityLost: (error) => {
        // The government no longer knows this token: forget it so the next step starts cleanly.
        if (error.code === 'UNAUTHENTICATED') clearSession();
      },
    });
  }
  return client;
}

const isFaultSwitch = (candidate: Transport): candidate is EmbeddedTransport => 'setFault' in candidate && 'fault' in candidate;

/** The embedded government's network-fault switch, for testers; null against a real server. */
export async function networkFaultSwitch(): Promise<Pick<EmbeddedTransport, 'fault' | 'setFault'> | null> {
  if (transport && !transport.isDefault) return isFaultSwitch(transport) ? transport : null;
  await backendReady();
  return embeddedTransport();
}

/**
 * The stand-ins for what only WeChat can do, once the backend has decided whether it needs them (the
 * embedded government loads with its subpackage); null against a real government.
 */
export async function readyStandIns(): Promise<StandIns | null> {
  if (!transport || transport.isDefault) await backendReady();
  return standIns();
}
