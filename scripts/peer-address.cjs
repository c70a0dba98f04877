// Preloaded into the ThreatDesk server (`node --require ./scripts/peer-address.cjs`; the launcher
// and the Dockerfile do it). Stamps every request with the address of the connection it arrived
// on, under a header name a client cannot set (any copy it sends is overwritten), so the app can
// tell the real peer from a forged X-Forwarded-For (lib/auth/client-ip.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- `node --require` loads CommonJS
const http = require("node:http");

const HEADER = "x-threatdesk-peer";
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitWithPeerAddress(event, request) {
  if (event === "request" && request && request.headers) {
    request.headers[HEADER] = (request.socket && request.socket.remoteAddress) || "";
  }
  return emit.apply(this, arguments);
};
