/** HTTP below node:http's client: raw bytes to a server, for requests no client would send. */
import { connect } from 'node:net';

/** Sends raw bytes and returns what came back before the server closed the socket. */
export function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
}
