/**
 * A stand-in for Slack's Socket Mode WebSocket: greets each connection with `hello`, delivers
 * envelopes (`events_api`, `slash_commands`) and collects the app's acknowledgements.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export class SocketModeStandIn {
  readonly #server: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  /** Acknowledgements received, by envelope id, with their payload if any. */
  readonly acks = new Map<string, unknown>();

  private constructor(server: WebSocketServer) {
    this.#server = server;
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (typeof message.envelope_id === 'string') this.acks.set(message.envelope_id, message.payload);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0STANDIN' } }));
    });
  }

  static async start(): Promise<SocketModeStandIn> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new SocketModeStandIn(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}/link/?ticket=standin`;
  }

  get connections(): number {
    return this.#sockets.size;
  }

  /** Sends an Events API envelope to every connected app; returns the envelope id. */
  sendEvent(payload: Record<string, unknown>, retryAttempt = 0): string {
    const envelopeId = randomUUID();
    const message = JSON.stringify({ envelope_id: envelopeId, type: 'events_api', payload, accepts_response_payload: false, retry_attempt: retryAttempt, retry_reason: '' });
    for (const socket of this.#sockets) socket.send(message);
    return envelopeId;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
