// Demo mode (no DATABASE_URL: the embedded database, and demo accounts whose password the sign-in
// page shows) listens on the loopback address only: the machine's other addresses refuse the connection.
import net from "node:net";
import os from "node:os";
import { expect, test } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3100);

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 5000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

test("the demo answers on 127.0.0.1 and on none of the machine's other addresses", async ({ request }) => {
  expect((await request.get(`http://127.0.0.1:${PORT}/api/health`)).status()).toBe(200);
  expect(await connects("127.0.0.1", PORT)).toBe(true);
  // Every address of this machine other machines could use (none, on a machine without a network).
  const external = Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? []).filter((a) => !a.internal).map((a) => (a.family === "IPv6" && a.scopeid ? `${a.address}%${name}` : a.address)),
  );
  for (const address of external) expect(await connects(address, PORT), address).toBe(false);
});
