import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768 and up), so an outgoing connection never holds the port we pick.
const LOW = 20_000;
const HIGH = 32_000;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port whose next one is free too (a demo hub puts its sandbox there). */
export async function freePortPair(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = LOW + 2 * Math.floor((Math.random() * (HIGH - LOW)) / 2);
    if ((await canListen(port)) && (await canListen(port + 1))) return port;
  }
  throw new Error(`no two free ports in a row between ${LOW} and ${HIGH}`);
}
